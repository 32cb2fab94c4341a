import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { botConfig } from '@shared/config/bot-config'
import { parseOrderId } from '../../main/engine/grid/trader/client-order-ids'
import { BOT_CONFIG, SimWorld } from './harness'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})
function world(): SimWorld {
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'config-'))
  folders.push(folder)
  return new SimWorld(join(folder, 'journal.sqlite'))
}

async function botOrderPrices(sim: SimWorld): Promise<string[]> {
  return (await sim.exchange.openOrders('BTCUSDT')).filter((order) => parseOrderId(order.clientOrderId)?.botId === 'b1').map((order) => order.price.toFixed()).sort()
}

describe('changing a running bot\'s configuration', () => {
  it('applies a new stop-loss live, without touching an order', async () => {
    const sim = world()
    const { bot, journal } = await sim.boot()
    const before = await botOrderPrices(sim)
    const result = await sim.run(bot.applyConfig(botConfig({ ...BOT_CONFIG, risk: { stopLoss: '50000' } })))
    expect(result.applied).toBe(true)
    expect(result.changes.map((change) => `${change.path}:${change.effect}`)).toEqual(['risk.stopLoss:live'])
    expect(bot.config.risk.stopLoss).toBe('50000')
    expect(await botOrderPrices(sim)).toEqual(before)
    expect(journal.listBotEvents('b1').at(-1)?.message).toBe('risk.stopLoss changed (live): applies at once, with no order cancelled')
    // The stored configuration is the new one: a restart keeps it
    expect(JSON.parse(bot.record().configJson).risk.stopLoss).toBe('50000')
  })

  it('re-plans the grid for a new range, and refuses a new symbol', async () => {
    const sim = world()
    const { bot } = await sim.boot()
    const result = await sim.run(bot.applyConfig(botConfig({ ...BOT_CONFIG, grid: { ...BOT_CONFIG.grid, lower: '57000', upper: '63000', grids: 6 } })))
    await sim.quiesce()
    expect(result.applied).toBe(true)
    const prices = await botOrderPrices(sim)
    expect(prices).toEqual(['57000', '58000', '59000', '61000', '62000', '63000'])
    const refused = await sim.run(bot.applyConfig(botConfig({ ...BOT_CONFIG, symbol: 'ETHUSDT' })))
    expect(refused.applied).toBe(false)
    expect(refused.reason).toContain("symbol: a bot's id and symbol never change")
    expect(bot.config.symbol).toBe('BTCUSDT')
  })
})
