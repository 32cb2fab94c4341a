import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { settle } from '../../clock/test-clock'
import { clientOrderId } from '../../exchange/port/identifiers'
import { openJournal } from '../../journal'
import { tempFolder, type TempFolder } from '../../journal/stubs'
import { parseOrderId } from './client-order-ids'
import { DUST_HEDGE_PREFIX, NETTED_HEDGE_PREFIX } from './grid-trader'
import { BOT_ID, FIVE_LEVELS, GridWorld, intentsOf, problemsOf, storedLevel, SYMBOL, type LevelSpec } from './stubs'

const folders: TempFolder[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) folder.remove()
})

/** Returns the level and side a client order id of the bot names. */
function levelOf(id: string): string {
  const parsed = parseOrderId(id)
  return parsed?.tag.kind === 'level' ? `${parsed.tag.level}${parsed.tag.side === 'BUY' ? 'B' : 'S'}` : id
}

describe('GridTrader on the simulated exchange', () => {
  it('places one order per level of the plan, none on the level nearest the price', async () => {
    const world = new GridWorld()
    const { journal } = await world.start()
    expect(await world.ordersByLevel()).toEqual({
      0: ['BUY 0.002@58000'],
      1: ['BUY 0.002@59000'],
      3: ['SELL 0.002@61000'],
      4: ['SELL 0.002@62000']
    })
    expect((await world.sim.openOrders(SYMBOL)).map((order) => order.clientOrderId).sort()).toEqual(['gk-b1-0B-1', 'gk-b1-1B-1', 'gk-b1-3S-1', 'gk-b1-4S-1'])
    expect(storedLevel(journal, 2)).toMatchObject({ phase: 'empty', activeIntentId: null, waiting: [] })
    expect(storedLevel(journal, 1)).toMatchObject({ phase: 'open', activeIntentId: 'gk-b1-1B-1', reason: 'open: BUY 0.002 @ 59000' })
  })

  describe('a BUY fill', () => {
    it('is answered by one SELL one level up for the quantity net of the base commission, on the lot step; the rest is dust on that level', async () => {
      const world = new GridWorld()
      const proc = await world.start()
      const { journal } = proc
      await world.trade('58990')

      const [fill] = journal.listFills(BOT_ID)
      expect(fill).toMatchObject({ clientOrderId: 'gk-b1-1B-1', side: 'BUY', quantity: '0.002', commission: '0.000002', commissionAsset: 'BTC' })
      // 0.002 − 0.000002 = 0.001998: 0.00199 on the 0.00001 step, 0.000008 left over
      const live = await world.liveOrder(2)
      expect([live.side, live.origQty.toFixed(), live.price.toFixed()]).toEqual(['SELL', '0.00199', '60000'])
      expect(levelOf(live.clientOrderId)).toBe('2S')
      expect(intentsOf(journal, 2)).toHaveLength(1)
      expect(fill?.counterIntentId).toBe(live.clientOrderId)
      expect(intentsOf(journal, 2)[0]).toMatchObject({ purpose: 'counter', sourceFillKey: `${SYMBOL}:${fill?.tradeId}`, quantity: '0.00199' })
      expect(storedLevel(journal, 2)).toMatchObject({ phase: 'open', dustSell: '0.000008', dustBuy: '0', waiting: [] })
      // The filled level waits for the SELL to come back; nothing else moved
      expect(await world.ordersByLevel()).toEqual({ 0: ['BUY 0.002@58000'], 2: ['SELL 0.00199@60000'], 3: ['SELL 0.002@61000'], 4: ['SELL 0.002@62000'] })
      expect(storedLevel(journal, 1)).toMatchObject({ phase: 'empty', activeIntentId: null })
      expect(journal.listUnhedgedFills(BOT_ID)).toEqual([])
      expect(problemsOf(proc)).toEqual([])
    })

    it('leaves dust that a later SELL on that level uses', async () => {
      const world = new GridWorld()
      const { journal } = await world.start()
      await world.trade('58990')
      // The SELL fills and is answered by a BUY of the same 0.00199 below
      await world.trade('60010')
      expect(await world.ordersByLevel()).toMatchObject({ 1: ['BUY 0.00199@59000'] })
      expect((await world.ordersByLevel())[2]).toBeUndefined()
      await world.trade('58990')
      // 0.00199 − 0.00000199 = 0.00198801, plus the 0.000008 carried: 0.00199601 → 0.00199 (without the dust: 0.00198)
      expect(await world.ordersByLevel()).toMatchObject({ 2: ['SELL 0.00199@60000'] })
      expect(storedLevel(journal, 2).dustSell).toBe('0.00000601')
      expect(world.maxLiveOrdersPerLevel).toBe(1)
    })
  })

  it('answers a BUY filled in three parts with a counter intent per part and one live SELL above that grows to their sum', async () => {
    const world = new GridWorld()
    const proc = await world.start()
    const { journal } = proc
    const seen: Record<number, string[]>[] = []
    for (const part of ['0.0007', '0.0007', '0.0006']) {
      await world.trade('58990', part)
      seen.push(await world.ordersByLevel())
    }
    // Net parts 0.0006993, 0.0006993, 0.0005994: counters 0.00069, 0.0007, 0.0006 as the dust carries over
    expect(seen.map((orders) => [orders[1], orders[2]])).toEqual([
      [['BUY 0.0013@59000'], ['SELL 0.00069@60000']],
      [['BUY 0.0006@59000'], ['SELL 0.00139@60000']],
      [undefined, ['SELL 0.00199@60000']]
    ])
    const fills = journal.listFills(BOT_ID)
    expect(fills.map((fill) => fill.quantity)).toEqual(['0.0007', '0.0007', '0.0006'])
    const firstCounterOf = (tradeId: string) => intentsOf(journal, 2, 'SELL').find((intent) => intent.sourceFillKey === `${SYMBOL}:${tradeId}`)
    expect(fills.map((fill) => firstCounterOf(fill.tradeId)?.quantity)).toEqual(['0.00069', '0.0007', '0.0006'])
    // Every part is hedged by the one live SELL, whose quantity is the sum of the net parts on the lot step
    const live = await world.liveOrder(2)
    expect(fills.map((fill) => fill.counterIntentId)).toEqual([live.clientOrderId, live.clientOrderId, live.clientOrderId])
    expect(storedLevel(journal, 2)).toMatchObject({ phase: 'open', activeIntentId: live.clientOrderId, waiting: [], dustSell: '0.000008' })
    expect(world.maxLiveOrdersPerLevel).toBe(1)
    expect(problemsOf(proc)).toEqual([])
    // Each replaced SELL was cancelled before its successor was sent
    const level2 = world.calls.filter((call) => call.method !== 'myTrades' && levelOf(call.method === 'placeOrder' ? call.order.clientOrderId : (call.ref.clientOrderId ?? '')) === '2S')
    expect(level2.map((call) => call.method)).toEqual(['placeOrder', 'cancelOrder', 'placeOrder', 'cancelOrder', 'placeOrder'])
  })

  it('carries a counter too small to place as dust, covers its fill with a dust note, and adds it to the next counter', async () => {
    const world = new GridWorld()
    const { journal } = await world.start()
    await world.trade('58990', '0.00005')
    // 0.00004995 net: 0.00004 × 60000 = 2.4, below NOTIONAL 5
    expect((await world.ordersByLevel())[2]).toBeUndefined()
    expect(intentsOf(journal, 2)).toEqual([])
    const [fill] = journal.listFills(BOT_ID)
    expect(fill).toMatchObject({ quantity: '0.00005', counterIntentId: null, hedgeNote: `${DUST_HEDGE_PREFIX}2` })
    expect(journal.listUnhedgedFills(BOT_ID)).toEqual([])
    expect(storedLevel(journal, 2)).toMatchObject({ phase: 'empty', dustSell: '0.00004995' })
    expect(storedLevel(journal, 2).reason).toContain('0.00004995 below the minimum carried')

    await world.trade('58990', '0.001')
    // 0.000999 net + 0.00004995 carried = 0.00104895 → 0.00104 (0.00099 without the carry)
    expect((await world.ordersByLevel())[2]).toEqual(['SELL 0.00104@60000'])
    expect(storedLevel(journal, 2).dustSell).toBe('0.00000895')
  })

  describe('netting on a level owed both sides', () => {
    // A SELL at 61000 fills; its BUY counter at 60000 is held up by a 429 while the price falls
    // through 59000 (that BUY fills and owes a SELL at 60000) and comes back to 60500
    async function oweBothSides(levels: readonly LevelSpec[]) {
      const world = new GridWorld()
      const proc = await world.start(levels)
      world.sim.faults.rateLimitNextPlacement(5_000)
      world.sim.trade(SYMBOL, d('61010'), d('1'))
      await settleWithoutTime()
      expect(storedLevel(proc.journal, 2)).toMatchObject({ phase: 'placing', activeIntentId: 'gk-b1-2B-1' })
      world.sim.trade(SYMBOL, d('58990'), d('1'))
      world.sim.trade(SYMBOL, d('60500'), d('1'))
      await settleWithoutTime()
      expect(storedLevel(proc.journal, 2).waiting).toEqual(['gk-b1-2S-2'])
      await world.quiesce(40)
      return { world, ...proc }
    }

    it('replaces the open BUY with one order of the difference', async () => {
      const levels: LevelSpec[] = [['58000', 'BUY', '0.002'], ['59000', 'BUY', '0.002'], ['60000', 'NONE', '0'], ['61000', 'SELL', '0.003'], ['62000', 'SELL', '0.002']]
      const { world, journal, logger } = await oweBothSides(levels)
      expect(problemsOf({ logger })).toEqual([])
      // Owed: BUY 0.003 (the SELL above) and SELL 0.00199 (the BUY below, net of its fee): 0.00199
      // cross at 60000 — owing a SELL one level up and a BUY one level down — and BUY 0.00101 is left
      expect(await world.ordersByLevel()).toEqual({
        0: ['BUY 0.002@58000'],
        1: ['BUY 0.00199@59000'],
        2: ['BUY 0.00101@60000'],
        3: ['SELL 0.00199@61000'],
        4: ['SELL 0.002@62000']
      })
      const live = await world.liveOrder(2)
      expect(journal.listFills(BOT_ID).map((fill) => [levelOf(fill.clientOrderId), fill.counterIntentId, fill.hedgeNote])).toEqual([
        ['3S', live.clientOrderId, null],
        ['1B', live.clientOrderId, null]
      ])
      expect(world.placements().filter((placement) => placement.includes(' L2 '))).toEqual(['BUY L2 0.003 refused', 'BUY L2 0.003', 'BUY L2 0.00101'])
      expect(intentsOf(journal, 2).filter((intent) => intent.status !== 'done').map((intent) => intent.intentId)).toEqual([live.clientOrderId])
      expect(world.maxLiveOrdersPerLevel).toBe(1)
    })

    it('places nothing on the level when the two cancel out, marks both fills as netted, and re-arms the levels either side', async () => {
      const levels: LevelSpec[] = [['58000', 'BUY', '0.002'], ['59000', 'BUY', '0.002'], ['60000', 'NONE', '0'], ['61000', 'SELL', '0.00199'], ['62000', 'SELL', '0.002']]
      const { world, journal } = await oweBothSides(levels)
      // As if both had filled at 60000: the base bought at 59000 is offered at 61000 again, and 59000 is bid again
      expect(await world.ordersByLevel()).toEqual({ 0: ['BUY 0.002@58000'], 1: ['BUY 0.00199@59000'], 3: ['SELL 0.00199@61000'], 4: ['SELL 0.002@62000'] })
      expect(journal.listFills(BOT_ID).map((fill) => [levelOf(fill.clientOrderId), fill.hedgeNote])).toEqual([
        ['3S', `${NETTED_HEDGE_PREFIX}2`],
        ['1B', `${NETTED_HEDGE_PREFIX}2`]
      ])
      expect(journal.listUnhedgedFills(BOT_ID)).toEqual([])
      expect(storedLevel(journal, 2)).toMatchObject({ phase: 'empty', activeIntentId: null, waiting: [] })
      expect(intentsOf(journal, 2).every((intent) => intent.status === 'done')).toBe(true)
    })
  })

  describe('an order ended on the exchange by someone else', () => {
    it('is placed again: same level, side and quantity, next cycle', async () => {
      const world = new GridWorld()
      const { journal } = await world.start()
      await world.sim.cancelOrder({ symbol: SYMBOL, clientOrderId: clientOrderId('gk-b1-1B-1') })
      await world.quiesce()
      const live = await world.liveOrder(1)
      expect([live.clientOrderId, live.side, live.origQty.toFixed(), live.price.toFixed()]).toEqual(['gk-b1-1B-2', 'BUY', '0.002', '59000'])
      expect(intentsOf(journal, 1).map((intent) => [intent.intentId, intent.purpose, intent.status])).toEqual([
        ['gk-b1-1B-1', 'grid', 'done'],
        ['gk-b1-1B-2', 'grid', 'placed']
      ])
      expect(storedLevel(journal, 1)).toMatchObject({ phase: 'open', activeIntentId: 'gk-b1-1B-2' })
    })

    it('is placed again for what was left after a partial fill, while the filled part is hedged above', async () => {
      const world = new GridWorld()
      await world.start()
      await world.trade('58990', '0.0005')
      // Back above the level, so the re-placed BUY rests instead of taking at once
      await world.trade('59500')
      await world.sim.cancelOrder({ symbol: SYMBOL, clientOrderId: clientOrderId('gk-b1-1B-1') })
      await world.quiesce()
      expect(await world.ordersByLevel()).toMatchObject({ 1: ['BUY 0.0015@59000'], 2: ['SELL 0.00049@60000'] })
      expect((await world.liveOrder(1)).clientOrderId).toBe('gk-b1-1B-2')
    })
  })

  describe('a counter-order that cannot be placed', () => {
    it('puts the bot in EMERGENCY with one critical incident naming the level and the reason, and no BUY is placed afterwards', async () => {
      const world = new GridWorld()
      const { journal, bot } = await world.start()
      world.sim.faults.configure({ placeRejectRate: 1, placeReject: { code: -2010, message: 'This action is disabled on this account.' } })
      await world.trade('58990')

      expect(bot.record().status).toBe('emergency')
      const incidents = journal.listIncidents({ openOnly: true, botId: BOT_ID })
      expect(incidents).toHaveLength(1)
      const [incident] = incidents
      expect(incident).toMatchObject({ kind: 'emergency', severity: 'critical', resolvedAtMs: null })
      expect(incident?.message).toContain('gk-b1-2S-1')
      expect(incident?.message).toContain('-2010 This action is disabled on this account.')
      const [fill] = journal.listFills(BOT_ID)
      expect(JSON.parse(incident?.detailsJson ?? '{}')).toEqual({
        intentId: 'gk-b1-2S-1',
        level: '2',
        side: 'SELL',
        quantity: '0.00199',
        price: '60000',
        sourceFill: `${SYMBOL}:${fill?.tradeId}`
      })
      expect(storedLevel(journal, 2)).toMatchObject({ phase: 'failed', activeIntentId: null, reason: 'failed: -2010 This action is disabled on this account.' })

      // The exchange takes orders again: what would open exposure stays unplaced, hedging SELLs still go
      world.sim.faults.configure({ placeRejectRate: 0 })
      const sentBefore = world.calls.length
      await world.trade('61010')
      await world.sim.cancelOrder({ symbol: SYMBOL, clientOrderId: clientOrderId('gk-b1-0B-1') })
      await world.sim.cancelOrder({ symbol: SYMBOL, clientOrderId: clientOrderId('gk-b1-4S-1') })
      await world.quiesce()
      const sentAfter = world.calls.slice(sentBefore).flatMap((call) => (call.method === 'placeOrder' ? [`${call.order.side} ${levelOf(call.order.clientOrderId)}`] : []))
      expect(sentAfter).toEqual(['SELL 4S'])
      expect(await world.ordersByLevel()).toEqual({ 4: ['SELL 0.002@62000'] })
      expect(storedLevel(journal, 2).reason).toBe('paused: the bot opens no new exposure')
      expect(storedLevel(journal, 0).reason).toBe('paused: the bot opens no new exposure')
      expect(journal.listIncidents({ openOnly: true, botId: BOT_ID })).toHaveLength(1)
    })

    it('puts the bot in EMERGENCY when retryable refusals outlast the retry budget', async () => {
      const world = new GridWorld()
      const { journal, bot } = await world.start()
      world.sim.faults.configure({ rateLimitRate: 1, rateLimitRetryAfterMs: 30_000 })
      world.sim.trade(SYMBOL, d('58990'), d('1'))
      await world.quiesce(60, 5_000)
      expect(bot.record().status).toBe('emergency')
      expect(world.placements().filter((placement) => placement.startsWith('SELL L2'))).toEqual(Array.from({ length: 8 }, () => 'SELL L2 0.00199 refused'))
      expect(intentsOf(journal, 2)).toMatchObject([{ intentId: 'gk-b1-2S-1', status: 'failed' }])
      const [incident] = journal.listIncidents({ openOnly: true, botId: BOT_ID })
      expect(JSON.parse(incident?.detailsJson ?? '{}')).toMatchObject({ level: '2', intentId: 'gk-b1-2S-1' })
      expect(incident?.message).toContain('Too many new orders')
    })
  })

  it('drives a level with forty waiting counter intents to one order in a bounded number of steps', async () => {
    const world = new GridWorld()
    const levels: LevelSpec[] = [['58000', 'BUY', '0.002'], ['59000', 'BUY', '0.01'], ['60000', 'NONE', '0'], ['61000', 'SELL', '0.002'], ['62000', 'SELL', '0.002']]
    const { journal, bot } = await world.start(levels)
    // The first counter is held up by a 429; thirty-nine more parts fill meanwhile
    world.sim.faults.rateLimitNextPlacement(5_000)
    world.sim.trade(SYMBOL, d('58990'), d('0.0001'))
    await settleWithoutTime()
    for (let part = 0; part < 39; part += 1) world.sim.trade(SYMBOL, d('58990'), d('0.0001'))
    await settleWithoutTime()
    expect(storedLevel(journal, 2).waiting).toHaveLength(39)

    await world.quiesce(40)
    await bot.trader.idle()
    // 40 × (0.0001 − 0.0000001) = 0.003996 → 0.00399 and 0.000006 of dust
    expect(await world.ordersByLevel()).toMatchObject({ 1: ['BUY 0.006@59000'], 2: ['SELL 0.00399@60000'] })
    const live = await world.liveOrder(2)
    expect(storedLevel(journal, 2)).toMatchObject({ phase: 'open', activeIntentId: live.clientOrderId, waiting: [], dustSell: '0.000006' })
    const fills = journal.listFills(BOT_ID)
    expect(fills).toHaveLength(40)
    expect(new Set(fills.map((fill) => fill.counterIntentId))).toEqual(new Set([live.clientOrderId]))
    // One held-up send, its retry, one cancel and one merged order: not one round per intent
    expect(world.placements().filter((placement) => placement.includes(' L2 '))).toEqual(['SELL L2 0.00009 refused', 'SELL L2 0.00009', 'SELL L2 0.00399'])
    expect(world.calls.filter((call) => call.method === 'cancelOrder')).toHaveLength(1)
    expect(intentsOf(journal, 2).filter((intent) => intent.status !== 'done').map((intent) => intent.intentId)).toEqual([live.clientOrderId])
  })

  describe('after a restart', () => {
    it('finishes an unfinished placement, hedges unhedged fills, and does both exactly once', async () => {
      const folder = tempFolder('trader-')
      folders.push(folder)
      const path = join(folder.path, 'journal.sqlite')
      const world = new GridWorld()

      // Process A: the BUY at 59000 fills; its SELL above is held up by a 429 when the process dies
      const first = await world.start(FIVE_LEVELS, openJournal(path))
      world.sim.faults.rateLimitNextPlacement(60_000)
      world.sim.trade(SYMBOL, d('58990'), d('1'))
      await settleWithoutTime()
      expect(first.journal.getIntent('gk-b1-2S-1')).toMatchObject({ status: 'pending', lastError: expect.stringContaining('Too many new orders') })
      first.crash()

      // Offline, the BUY at 58000 fills; process B books that fill and dies before any trader hedges it
      world.sim.trade(SYMBOL, d('57990'), d('1'))
      const second = await world.bootEngine(openJournal(path))
      world.registerShare(second)
      const active = new Set(second.journal.listLevels(BOT_ID).flatMap((level) => JSON.parse(level.stateJson).activeIntentId ?? []))
      await world.run(second.engine.reconciler.reconcileBot(BOT_ID, SYMBOL, active))
      const unhedged = second.journal.listUnhedgedFills(BOT_ID)
      expect(unhedged.map((fill) => fill.clientOrderId)).toEqual(['gk-b1-0B-1'])
      second.crash()

      // Process C: a new trader over the same journal
      const third = await world.boot(openJournal(path))
      world.registerShare(third)
      third.bot.trader.load()
      await world.run(third.bot.trader.resume())
      const expected = { 1: ['SELL 0.00199@59000'], 2: ['SELL 0.00199@60000'], 3: ['SELL 0.002@61000'], 4: ['SELL 0.002@62000'] }
      expect(await world.ordersByLevel()).toEqual(expected)
      // The held-up intent itself was sent, not a new one
      expect((await world.liveOrder(2)).clientOrderId).toBe('gk-b1-2S-1')
      expect(third.journal.listUnhedgedFills(BOT_ID)).toEqual([])
      const counters = () => third.journal.listIntents(BOT_ID).filter((intent) => intent.purpose === 'counter').map((intent) => `${intent.intentId} ${intent.sourceFillKey}`)
      const hedged = counters()
      expect(hedged).toHaveLength(2)
      expect(hedged.map((line) => line.split(' ')[0])).toEqual(['gk-b1-2S-1', 'gk-b1-1S-2'])
      expect(new Set(hedged.map((line) => line.split(' ')[1])).size).toBe(2)
      expect(storedLevel(third.journal, 0)).toMatchObject({ phase: 'empty', activeIntentId: null })

      // A second resume in the same process, and another process after it, add nothing
      const sent = world.placements().length
      await world.run(third.bot.trader.resume())
      expect(counters()).toEqual(hedged)
      third.crash()
      const fourth = await world.boot(openJournal(path))
      world.registerShare(fourth)
      fourth.bot.trader.load()
      await world.run(fourth.bot.trader.resume())
      expect(fourth.journal.listIntents(BOT_ID).filter((intent) => intent.purpose === 'counter')).toHaveLength(2)
      expect(world.placements().length).toBe(sent)
      expect(await world.ordersByLevel()).toEqual(expected)
      expect([...problemsOf(third), ...problemsOf(fourth)]).toEqual([])
      fourth.crash()
    })
  })
})

/** Lets queued events and promise work run without moving the virtual clock. */
async function settleWithoutTime(): Promise<void> {
  await settle(40)
}

function d(text: string): Decimal {
  return new Decimal(text)
}
