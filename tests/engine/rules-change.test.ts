import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { BOT_CONFIG, SimWorld } from './harness'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function world(): SimWorld {
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'rules-change-'))
  folders.push(folder)
  return new SimWorld(join(folder, 'journal.sqlite'))
}

describe('the exchange changes a symbol\'s rules while a bot runs', () => {
  it('puts a counter-order on the new lot step instead of losing the hedge to a rejection', async () => {
    const sim = world()
    const { bot, journal } = await sim.boot(BOT_CONFIG)
    // The lot step grows tenfold: the counter SELL the bot would size on the old step is refused
    sim.exchange.world.changeRules('BTCUSDT', { stepSize: new Decimal('0.0001') })
    await sim.trade('58990')
    const sell = (await sim.exchange.openOrders('BTCUSDT')).find((order) => order.side === 'SELL' && order.price.eq('60000'))
    expect(sell?.origQty.toFixed()).toBe('0.0017')
    expect(bot.record().status).toBe('running')
    expect(journal.getIntent(sell?.clientOrderId as string)?.lastError).toMatch(/new tick and lot step: 0\.00171 @ 60000 → 0\.0017 @ 60000/)
    // The 0.00001 the new step cannot carry stays owed on the level, as dust (with the fee's own 0.00000828)
    expect(bot.trader.levelStates().find((level) => level.index === 5)?.dustSell).toBe('0.00001828')
  })

  it('puts a counter-order on a coarser tick, on the side that keeps the grid\'s spread', async () => {
    const sim = world()
    const { bot } = await sim.boot({ ...BOT_CONFIG, grid: { ...BOT_CONFIG.grid, lower: '55000.05', upper: '65000.05' } })
    sim.exchange.world.changeRules('BTCUSDT', { tickSize: new Decimal('1') })
    await sim.trade('59000.04')
    const sell = (await sim.exchange.openOrders('BTCUSDT')).find((order) => order.side === 'SELL' && order.price.gte('60000') && order.price.lte('60001'))
    expect(sell?.price.toFixed()).toBe('60001')
    expect(bot.record().status).toBe('running')
  })
})
