import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { botConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import { TestClock } from '../../main/engine/clock/test-clock'
import { parseOrderId } from '../../main/engine/grid/trader/client-order-ids'
import { BOT_CONFIG, SimWorld } from './harness'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})
function world(): SimWorld {
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'recenter-'))
  folders.push(folder)
  return new SimWorld(join(folder, 'journal.sqlite'))
}

const HOUR = 3_600_000
const CONFIG = botConfig({ ...BOT_CONFIG, recenter: { enabled: true, confirmationMs: 2 * HOUR, cooldownMs: 6 * HOUR, hysteresisPct: '0.5' } })

async function priceAt(sim: SimWorld, price: string): Promise<void> {
  sim.exchange.trade('BTCUSDT', new Decimal(price), new Decimal('10'))
  await sim.quiesce()
}

async function botOrderPrices(sim: SimWorld): Promise<string[]> {
  return (await sim.exchange.openOrders('BTCUSDT')).filter((order) => parseOrderId(order.clientOrderId)?.botId === 'b1').map((order) => order.price.toFixed()).sort()
}

describe('recentering', () => {
  it('waits out a BREAK with the grid as it is, and recenters once the market trades again', async () => {
    const sim = world()
    const { bot } = await sim.boot(CONFIG)
    await priceAt(sim, '70000')
    expect(await sim.run(bot.checkRecenter())).toBe('waiting')
    await sim.clock.advance(2 * HOUR)
    const before = await botOrderPrices(sim)
    sim.exchange.world.setSymbolStatus('BTCUSDT', 'BREAK')
    expect(await sim.run(bot.checkRecenter())).toBe('waiting')
    expect(await botOrderPrices(sim)).toEqual(before)
    sim.exchange.world.setSymbolStatus('BTCUSDT', 'TRADING')
    expect(await sim.run(bot.checkRecenter())).toBe('recentered')
  })

  it('holds outside the new grid what the old grid traded while the stream was down, instead of answering it on a level that has moved', async () => {
    const sim = world()
    const { bot, journal } = await sim.boot(CONFIG)
    // The stream drops; the price runs through the SELLs, and the bot does not hear of those trades
    sim.exchange.disconnectStream()
    await priceAt(sim, '70000')
    await sim.run(bot.checkRecenter())
    await sim.clock.advance(2 * HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('recentered')
    sim.exchange.reconnectStream()
    await sim.quiesce()
    await sim.run(bot.reconcile())
    await sim.quiesce()
    const oldSells = journal.listFills('b1').filter((fill) => fill.side === 'SELL' && /^gk-b1-\d+S-1$/.test(fill.clientOrderId))
    expect(oldSells.length).toBeGreaterThan(0)
    expect(oldSells.every((fill) => fill.counterIntentId === null && fill.hedgeNote?.startsWith('replanned:') === true)).toBe(true)
    // Every order of the bot sits on a level of the new grid
    const levelPrices = new Set(bot.trader.levelStates().map((state) => new Decimal(state.price).toFixed()))
    const prices = await botOrderPrices(sim)
    expect(prices.filter((price) => !levelPrices.has(price))).toEqual([])
  })

  it('ends a level order the exchange had refused with the old grid, so the periodic check tries nothing of it on the new one', async () => {
    const sim = world()
    const { bot, journal } = await sim.boot(CONFIG)
    const buy = (await sim.exchange.openOrders('BTCUSDT')).find((order) => order.clientOrderId.startsWith('gk-b1-0B-'))
    if (buy === undefined) throw new Error('the grid has no BUY on level 0')
    sim.exchange.faults.rejectNextPlacement(-2010, 'This action is disabled on this account.')
    sim.exchange.world.expireOrder({ symbol: 'BTCUSDT', orderId: buy.orderId })
    await sim.quiesce()
    const refused = journal.listIntents('b1', ['rejected'])
    expect(refused.map((intent) => `${intent.level} ${intent.side}`)).toEqual(['0 BUY'])
    await priceAt(sim, '70000')
    await sim.run(bot.checkRecenter())
    await sim.clock.advance(2 * HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('recentered')
    await sim.quiesce()
    expect(bot.trader.failedPlacements()).toEqual([])
    expect(journal.getIntent(refused[0]?.intentId ?? '')?.status).toBe('done')
    expect(await sim.run(bot.checkDeadlock())).toBe('none')
    await sim.quiesce()
    const prices = await botOrderPrices(sim)
    expect(prices).toHaveLength(10)
    expect(prices.every((price) => new Decimal(price).gte(65000) && new Decimal(price).lte(75000))).toBe(true)
    expect(journal.listBotEvents('b1').map((event) => event.type)).not.toContain('PlacementsRetried')
  })

  it('moves the grid around the price after two hours outside the range, keeping its width', async () => {
    const sim = world()
    const { bot, journal } = await sim.boot(CONFIG)
    await priceAt(sim, '70000')
    expect(await sim.run(bot.checkRecenter())).toBe('waiting')
    await sim.clock.advance(HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('waiting')
    await sim.clock.advance(HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('recentered')
    await sim.quiesce()
    expect([bot.config.grid.lower, bot.config.grid.upper]).toEqual(['65000', '75000'])
    const prices = await botOrderPrices(sim)
    expect(prices).toHaveLength(10)
    expect(prices.every((price) => new Decimal(price).gte(65000) && new Decimal(price).lte(75000))).toBe(true)
    expect(journal.listBotEvents('b1').map((event) => event.type)).toEqual(expect.arrayContaining(['OutOfRange', 'Recentered']))
    // Within the cooldown another excursion does not move it again
    await priceAt(sim, '90000')
    await sim.run(bot.checkRecenter())
    await sim.clock.advance(3 * HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('cooldown')
  })

  it('below the range, where the bot holds base and little quote, sells base so the new grid is funded, and keeps trading', async () => {
    const sim = world()
    const { bot, journal, logger } = await sim.boot(CONFIG)
    // Far below the range: every BUY filled, the bot holds base and almost no quote
    await priceAt(sim, '45000')
    expect(await sim.run(bot.checkRecenter())).toBe('waiting')
    await sim.clock.advance(2 * HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('recentered')
    await sim.quiesce()
    expect([bot.config.grid.lower, bot.config.grid.upper]).toEqual(['40000', '50000'])
    // Ten orders, each worth about a tenth of what the bot holds, BUYs below the price and SELLs above
    const orders = (await sim.exchange.openOrders('BTCUSDT')).filter((order) => parseOrderId(order.clientOrderId)?.botId === 'b1')
    expect(orders.map((order) => order.side).sort()).toEqual([...Array(5).fill('BUY'), ...Array(5).fill('SELL')])
    expect(orders.every((order) => order.price.mul(order.origQty).gt(70))).toBe(true)
    const rebalance = (await sim.exchange.allOrders({ symbol: 'BTCUSDT' })).filter((order) => parseOrderId(order.clientOrderId)?.tag.kind === 'rebalance')
    expect(rebalance.map((order) => [order.side, order.type, order.status])).toEqual([['SELL', 'MARKET', 'FILLED']])
    expect(journal.listBotEvents('b1').find((event) => event.type === 'BaseTraded')?.message).toMatch(/^SELL [\d.]+ of [\d.]+ BTC at market at 45000 on average to fund the grid 40000–50000$/)
    // The new grid trades: a dip fills a BUY, and its counter SELL follows
    const fills = journal.listFills('b1').length
    await priceAt(sim, '43900')
    await priceAt(sim, '45000')
    expect(journal.listFills('b1').length).toBeGreaterThanOrEqual(fills + 2)
    expect(journal.listIncidents({ botId: 'b1' })).toEqual([])
    expect(logger.lines.filter((line) => line.level === 'warn' || line.level === 'error')).toEqual([])
  })

  it('a recenter even the whole holdings cannot fund leaves the old grid trading, is tried once per cooldown, and is one incident and one log line', async () => {
    const sim = world()
    // 60 USDT: enough for ten orders at the start, not once the fall has cost a quarter of it
    const { bot, journal, logger } = await sim.boot(botConfig({ ...CONFIG, grid: { ...CONFIG.grid, investment: '60' } }))
    const before = await botOrderPrices(sim)
    await priceAt(sim, '45000')
    const oldGrid = await botOrderPrices(sim)
    expect(await sim.run(bot.checkRecenter())).toBe('waiting')
    await sim.clock.advance(2 * HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('refused')
    const incidents = () => journal.listIncidents({ botId: 'b1' }).filter((incident) => incident.kind === 'replan')
    expect(incidents()).toHaveLength(1)
    expect(incidents()[0]?.message).toMatch(/^the grid 40000–50000 was not placed: .*NOTIONAL.*\. The grid stays as it was; a recenter is tried again after the cooldown, or act yourself\.$/)
    // Nothing was cancelled or traded: the SELLs of the old grid still wait above
    expect(await botOrderPrices(sim)).toEqual(oldGrid)
    expect(before.length).toBe(10)
    // Still outside: the next attempt waits for the cooldown from the refused one
    expect(await sim.run(bot.checkRecenter())).toBe('waiting')
    await sim.clock.advance(2 * HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('cooldown')
    await sim.clock.advance(4 * HOUR)
    await priceAt(sim, '44000')
    expect(await sim.run(bot.checkRecenter())).toBe('refused')
    await sim.clock.advance(6 * HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('waiting')
    await sim.clock.advance(2 * HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('refused')
    // Three refusals with new numbers each time: one incident, and one line for a person
    expect(incidents()).toHaveLength(1)
    expect(logger.lines.filter((line) => line.level === 'warn' || line.level === 'error').map((line) => line.level)).toEqual(['error'])
  })

  it('waits for the configured cooldown, not a built-in one', async () => {
    const sim = world()
    const { bot } = await sim.boot(botConfig({ ...CONFIG, recenter: { ...CONFIG.recenter, confirmationMs: HOUR, cooldownMs: 3 * HOUR } }))
    await priceAt(sim, '70000')
    await sim.run(bot.checkRecenter())
    await sim.clock.advance(HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('recentered')
    const recenteredAt = await sim.exchange.serverTimeMs()
    // Out of the new range at once, and confirmed an hour later: the cooldown still runs
    await priceAt(sim, '85000')
    expect(await sim.run(bot.checkRecenter())).toBe('waiting')
    await sim.clock.advanceTo(recenteredAt + 3 * HOUR - 60_000)
    expect(await sim.run(bot.checkRecenter())).toBe('cooldown')
    await sim.clock.advanceTo(recenteredAt + 3 * HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('recentered')
    expect([bot.config.grid.lower, bot.config.grid.upper]).toEqual(['80000', '90000'])
  })

  it('measures the time outside the range and the cooldown on the exchange clock, not the local one', async () => {
    const sim = world()
    const { bot } = await sim.boot(CONFIG)
    // The exchange's clock moves on its own; the local one runs far ahead of it
    const exchangeClock = new TestClock(await sim.exchange.serverTimeMs())
    sim.exchange.serverTimeMs = async () => exchangeClock.nowMs()
    await priceAt(sim, '70000')
    expect(await sim.run(bot.checkRecenter())).toBe('waiting')
    await sim.clock.advance(5 * HOUR)
    await exchangeClock.advance(HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('waiting')
    await exchangeClock.advance(HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('recentered')
    // Outside the new range for two hours of the exchange's time, and twelve of the local: the six-hour cooldown runs
    await priceAt(sim, '85000')
    expect(await sim.run(bot.checkRecenter())).toBe('waiting')
    await sim.clock.advance(12 * HOUR)
    await exchangeClock.advance(2 * HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('cooldown')
    await exchangeClock.advance(4 * HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('recentered')
  })

  it('counts the two hours across a restart, on the exchange clock', async () => {
    const sim = world()
    const first = await sim.boot(CONFIG)
    await priceAt(sim, '70000')
    await sim.run(first.bot.checkRecenter())
    await sim.clock.advance(HOUR + HOUR / 2)
    sim.crash()
    const second = await sim.boot(CONFIG)
    await sim.clock.advance(HOUR / 2)
    expect(await sim.run(second.bot.checkRecenter())).toBe('recentered')
  })

  it('starts counting again when the price comes back into the range', async () => {
    const sim = world()
    const { bot } = await sim.boot(CONFIG)
    await priceAt(sim, '70000')
    await sim.run(bot.checkRecenter())
    await sim.clock.advance(HOUR + HOUR / 2)
    await priceAt(sim, '64000')
    expect(await sim.run(bot.checkRecenter())).toBe('inside')
    await priceAt(sim, '70000')
    await sim.run(bot.checkRecenter())
    await sim.clock.advance(HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('waiting')
  })

  it('leaves a bot stopped when its EMERGENCY STOP is pressed while it recenters: nothing is placed afterwards', async () => {
    const sim = world()
    const { bot } = await sim.boot(CONFIG)
    await priceAt(sim, '61000')
    const recentering = bot.recenterNow()
    const stopping = bot.emergencyStop({ sellBase: false })
    await sim.run(Promise.all([recentering, stopping]))
    await sim.quiesce()
    expect(bot.record().status).toBe('stopped')
    expect(await botOrderPrices(sim)).toEqual([])
    await priceAt(sim, '59000')
    expect(await botOrderPrices(sim)).toEqual([])
  })

  it('recenters at once on a person\'s command', async () => {
    const sim = world()
    const { bot, journal } = await sim.boot(CONFIG)
    await priceAt(sim, '61000')
    expect(await sim.run(bot.recenterNow())).toBe(true)
    expect([bot.config.grid.lower, bot.config.grid.upper]).toEqual(['56000', '66000'])
    expect(journal.listBotEvents('b1').map((event) => event.type)).toEqual(expect.arrayContaining(['RecenterRequested', 'Recentered']))
  })
})
