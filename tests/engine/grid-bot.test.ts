import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { BOT_CONFIG, SimWorld } from './harness'

const folders: string[] = []
function journalPath(): string {
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'grid-bot-'))
  folders.push(folder)
  return join(folder, 'journal.sqlite')
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

async function openOrders(world: SimWorld) {
  return (await world.exchange.openOrders('BTCUSDT')).map((order) => `${order.side}@${order.price.toFixed()}`).sort()
}

describe('a grid bot on the simulated exchange', () => {
  it('buys the base for its sells, then places one order on every level but the nearest', async () => {
    const world = new SimWorld(journalPath())
    await world.boot()
    expect(await openOrders(world)).toEqual([
      'BUY@55000', 'BUY@56000', 'BUY@57000', 'BUY@58000', 'BUY@59000',
      'SELL@61000', 'SELL@62000', 'SELL@63000', 'SELL@64000', 'SELL@65000'
    ])
  })

  it('answers a filled BUY with a SELL one level up, and that SELL\'s fill with a BUY again', async () => {
    const world = new SimWorld(journalPath())
    const { journal } = await world.boot()
    await world.trade('58990')
    expect(await openOrders(world)).toContain('SELL@60000')
    expect(await openOrders(world)).not.toContain('BUY@59000')
    await world.trade('60010')
    const orders = await openOrders(world)
    expect(orders).toContain('BUY@59000')
    expect(orders).not.toContain('SELL@60000')
    expect(orders).toHaveLength(10)
    const fills = journal.listFills('b1').filter((fill) => !fill.clientOrderId.includes('-A-'))
    expect(fills.map((fill) => fill.counterIntentId === null)).not.toContain(true)
  })

  it('after a crash, processes the fills it missed and places their counter-orders', async () => {
    const world = new SimWorld(journalPath())
    await world.boot()
    world.crash()
    // The market falls through three buy levels while no engine runs
    world.exchange.trade('BTCUSDT', new Decimal('56990'), new Decimal('100'))
    const { journal, bot } = await world.boot()
    const orders = await openOrders(world)
    expect(orders).toEqual(expect.arrayContaining(['SELL@58000', 'SELL@59000', 'SELL@60000']))
    expect(orders).not.toContain('BUY@57000')
    expect(orders).toHaveLength(10)
    expect(journal.listUnhedgedFills('b1')).toEqual([])
    const problems = world.process?.logger.lines.filter((line) => line.level === 'error' || line.level === 'warn')
    expect(bot.record().status, JSON.stringify(problems)).toBe('running')
  })
})

describe('a grid bot in trouble', () => {
  it('enters EMERGENCY when a counter-order cannot be placed, opens a critical incident and stops buying', async () => {
    const world = new SimWorld(journalPath())
    const { journal, bot } = await world.boot()
    world.exchange.faults.configure({ placeRejectRate: 1, placeReject: { code: -2010, message: 'This action is disabled on this account.' } })
    await world.trade('58990')
    expect(bot.record().status).toBe('emergency')
    const incidents = journal.listIncidents({ openOnly: true, botId: 'b1' })
    expect(incidents).toHaveLength(1)
    expect(incidents[0]?.severity).toBe('critical')
    expect(incidents[0]?.message).toContain('could not be placed: -2010 This action is disabled on this account.')
    expect(JSON.parse(incidents[0]?.detailsJson ?? '{}')).toMatchObject({ level: '5', side: 'SELL' })
    // Faults off again: the SELL side may hedge, but no BUY is placed while the bot is in EMERGENCY
    world.exchange.faults.configure({ placeRejectRate: 0 })
    await world.trade('60010')
    const buysBefore = (await world.exchange.openOrders('BTCUSDT')).filter((order) => order.side === 'BUY').length
    await world.trade('57990')
    const buysAfter = (await world.exchange.openOrders('BTCUSDT')).filter((order) => order.side === 'BUY').length
    expect(buysAfter).toBeLessThanOrEqual(buysBefore)
    // After a restart it is still in EMERGENCY
    world.crash()
    const restarted = await world.boot()
    expect(restarted.bot.record().status).toBe('emergency')
  })

  it('flattens when told to: every order of the bot cancelled and its base sold at market', async () => {
    const world = new SimWorld(journalPath())
    const { bot } = await world.boot({ ...BOT_CONFIG, emergency: { flatten: true } })
    world.exchange.faults.rejectNextPlacement(-2010, 'This action is disabled on this account.')
    await world.trade('58990')
    await world.quiesce(80)
    expect(bot.record().status).toBe('emergency')
    expect(await world.exchange.openOrders('BTCUSDT')).toEqual([])
    const btc = (await world.exchange.account()).balances.get('BTC')
    // What is left is less than one lot step of the symbol
    expect(btc?.free.add(btc.locked).lt('0.00001')).toBe(true)
  })

  it('finds by periodic reconciliation a fill whose events never arrived', async () => {
    const world = new SimWorld(journalPath())
    const { bot, journal } = await world.boot()
    const stop = new AbortController()
    void bot.keepReconciling(stop.signal, 60_000)
    world.exchange.silenceStream()
    await world.trade('58990')
    expect(journal.listFills('b1').filter((fill) => fill.clientOrderId.includes('-4B-'))).toHaveLength(0)
    await world.clock.advance(60_000)
    await world.quiesce()
    stop.abort()
    expect(journal.listFills('b1').filter((fill) => fill.clientOrderId.includes('-4B-'))).toHaveLength(1)
    expect(await openOrders(world)).toContain('SELL@60000')
  })
})
