import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { parseOrderId } from '../../main/engine/grid/trader/client-order-ids'
import { SimWorld } from './harness'

const folders: string[] = []
function journalPath(): string {
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'bot-commands-'))
  folders.push(folder)
  return join(folder, 'journal.sqlite')
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

async function botOrders(world: SimWorld): Promise<string[]> {
  return (await world.exchange.openOrders('BTCUSDT')).filter((order) => parseOrderId(order.clientOrderId)?.botId === 'b1').map((order) => `${order.side}@${order.price.toFixed()}`).sort()
}

describe('EMERGENCY STOP', () => {
  it('cancels every order of the bot, stays stopped across a restart, and trades again only when resumed', async () => {
    const world = new SimWorld(journalPath())
    const { bot, journal } = await world.boot()
    expect(await botOrders(world)).toHaveLength(10)
    const report = await world.run(bot.emergencyStop({ sellBase: false }))
    expect(report.stillOpen).toEqual([])
    expect(report.cancelled).toHaveLength(10)
    expect(await botOrders(world)).toEqual([])
    expect(bot.record().status).toBe('stopped')
    expect(journal.listBotEvents('b1').map((event) => event.type)).toEqual(expect.arrayContaining(['EmergencyStopRequested', 'EmergencyStopped']))
    // The market crosses levels: a stopped bot places nothing
    await world.trade('58990')
    expect(await botOrders(world)).toEqual([])
    world.crash()
    const restarted = await world.boot()
    expect(restarted.bot.record().status).toBe('stopped')
    expect(await botOrders(world)).toEqual([])
    await world.run(restarted.bot.resume())
    await world.quiesce()
    expect(restarted.bot.record().status).toBe('running')
    expect((await botOrders(world)).length).toBeGreaterThan(0)
  })

  it('leaves no order behind while a placement is retrying and the stream is down', async () => {
    const world = new SimWorld(journalPath())
    const { bot } = await world.boot()
    world.exchange.disconnectStream()
    world.exchange.faults.configure({ rateLimitRate: 1, rateLimitRetryAfterMs: 5_000 })
    // A fill the engine learns of by reconciliation; its counter-order then retries against 429s
    world.exchange.trade('BTCUSDT', new Decimal('58990'), new Decimal('1'))
    await world.run(bot.reconcile())
    await world.quiesce(4)
    const report = await world.run(bot.emergencyStop({ sellBase: false }))
    world.exchange.faults.configure({ rateLimitRate: 0 })
    await world.quiesce(80)
    expect(report.stillOpen).toEqual([])
    expect(await botOrders(world)).toEqual([])
  })

  it('sells the base when asked', async () => {
    const world = new SimWorld(journalPath())
    const { bot } = await world.boot()
    const report = await world.run(bot.emergencyStop({ sellBase: true }))
    expect(report.soldBase).not.toBeNull()
    const btc = (await world.exchange.account()).balances.get('BTC')
    expect(btc?.free.add(btc.locked).lt('0.00001')).toBe(true)
  })
})

describe('manual overrides', () => {
  it('pause keeps the orders but places no new one; resume places what waited', async () => {
    const world = new SimWorld(journalPath())
    const { bot } = await world.boot()
    bot.pause()
    expect(bot.record().status).toBe('paused')
    await world.trade('58990')
    // The BUY at 59,000 filled; its counter SELL at 60,000 waits while paused
    expect(await botOrders(world)).not.toContain('SELL@60000')
    expect(await botOrders(world)).toHaveLength(9)
    await world.run(bot.resume())
    await world.quiesce()
    expect(await botOrders(world)).toContain('SELL@60000')
  })

  it('a held level has no order until released', async () => {
    const world = new SimWorld(journalPath())
    const { bot, journal } = await world.boot()
    await world.run(bot.holdLevel(3))
    await world.quiesce()
    expect(await botOrders(world)).not.toContain('BUY@58000')
    expect(bot.trader.levelStates()[3]?.reason).toContain('held by you')
    await world.run(bot.releaseLevel(3))
    await world.quiesce()
    expect(await botOrders(world)).toContain('BUY@58000')
    expect(journal.listBotEvents('b1', { level: 3 }).map((event) => event.type)).toEqual(['LevelHeld', 'LevelReleased'])
  })
})
