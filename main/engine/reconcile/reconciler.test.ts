import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { clientOrderId } from '../exchange/port/identifiers'
import { BOT_ID, GridWorld, intentsOf, problemsOf, storedLevel, SYMBOL } from '../grid/trader/stubs'
import { placeIntent, placeOnExchange, reconcileNow, registerBotOnly } from './stubs'

const d = (text: string): Decimal => new Decimal(text)

describe('Reconciler', () => {
  describe('an order the journal holds open', () => {
    it('that FILLED while no event arrived has its fill recorded and counted, and its counter-order follows', async () => {
      const world = new GridWorld()
      const proc = await world.start()
      world.sim.silenceStream()
      world.sim.trade(SYMBOL, d('58990'), d('1'))
      world.sim.restoreStream()
      await world.quiesce()
      expect(proc.journal.listFills(BOT_ID)).toEqual([])

      const report = await reconcileNow(world, proc)
      expect(report).toEqual({ ordersChecked: 4, missedFills: 1, strangersCancelled: [], duplicatesCancelled: [] })
      expect(proc.journal.listFills(BOT_ID)).toMatchObject([{ clientOrderId: 'gk-b1-1B-1', quantity: '0.002', commission: '0.000002' }])
      expect(proc.journal.getIntent('gk-b1-1B-1')?.status).toBe('done')
      await world.quiesce()
      expect(await world.ordersByLevel()).toEqual({ 0: ['BUY 0.002@58000'], 2: ['SELL 0.00199@60000'], 3: ['SELL 0.002@61000'], 4: ['SELL 0.002@62000'] })
      expect(storedLevel(proc.journal, 1)).toMatchObject({ phase: 'empty', activeIntentId: null })
      expect(proc.journal.listUnhedgedFills(BOT_ID)).toEqual([])
      expect(proc.logger.lines.filter((line) => line.message === 'reconciliation changed the journal')).toHaveLength(1)
      expect(problemsOf(proc)).toEqual([])
    })

    it('that was CANCELED while no event arrived lets its level be placed again', async () => {
      const world = new GridWorld()
      const proc = await world.start()
      world.sim.silenceStream()
      await world.sim.cancelOrder({ symbol: SYMBOL, clientOrderId: clientOrderId('gk-b1-1B-1') })
      world.sim.restoreStream()
      await world.quiesce()
      expect((await world.ordersByLevel())[1]).toBeUndefined()

      const report = await reconcileNow(world, proc)
      expect(report).toEqual({ ordersChecked: 4, missedFills: 0, strangersCancelled: [], duplicatesCancelled: [] })
      await world.quiesce()
      const live = await world.liveOrder(1)
      expect([live.clientOrderId, live.side, live.origQty.toFixed(), live.price.toFixed()]).toEqual(['gk-b1-1B-2', 'BUY', '0.002', '59000'])
      expect(intentsOf(proc.journal, 1).map((intent) => `${intent.intentId} ${intent.status}`)).toEqual(['gk-b1-1B-1 done', 'gk-b1-1B-2 placed'])
      expect(problemsOf(proc)).toEqual([])
    })
  })

  it('fetches the trades the journal lacks page after page, each page from the trade after the last one', async () => {
    const world = new GridWorld()
    const proc = await world.boot()
    registerBotOnly(proc, world)
    // An order of the bot that is no grid level, so the test is about paging and not about hedging
    await placeIntent(world, proc, { intentId: 'gk-b1-M-1', purpose: 'manual', level: null, side: 'BUY', price: '59500', quantity: '0.016' })
    world.sim.silenceStream()
    for (let trade = 0; trade < 1600; trade += 1) world.sim.trade(SYMBOL, d('59400'), d('0.00001'))
    world.sim.restoreStream()

    const report = await reconcileNow(world, proc)
    const fills = proc.journal.listFills(BOT_ID)
    expect(fills).toHaveLength(1600)
    expect(new Set(fills.map((fill) => fill.tradeId)).size).toBe(1600)
    expect(report.missedFills).toBe(1600)
    // The order's query pages through its own trades, each page from the trade after the last;
    // the history pass then starts after the newest trade booked and finds nothing more
    const queries = world.calls.flatMap((call) => (call.method === 'myTrades' ? [{ ...call.query, returned: call.returned }] : []))
    expect(queries).toEqual([
      { symbol: SYMBOL, orderId: '1', limit: 1000, returned: 1000 },
      { symbol: SYMBOL, orderId: '1', fromTradeId: '1001', limit: 1000, returned: 600 },
      { symbol: SYMBOL, fromTradeId: '1601', limit: 1000, returned: 0 }
    ])
    expect(proc.journal.getIntent('gk-b1-M-1')?.status).toBe('done')
    expect(proc.engine.ledger.owned(BOT_ID, 'BTC').toFixed()).toBe('0.025984')
    // Nothing left to find: a second pass asks for the trade after the last and books nothing
    const again = await reconcileNow(world, proc)
    expect(again.missedFills).toBe(0)
    expect(world.calls.filter((call) => call.method === 'myTrades').at(-1)).toMatchObject({ query: { fromTradeId: '1601' }, returned: 0 })
  })

  it('reads the trade history of a bot with no fill from the bot\'s creation, not from the symbol\'s first trade', async () => {
    const world = new GridWorld()
    const proc = await world.boot()
    registerBotOnly(proc, world)
    await reconcileNow(world, proc)
    const first = world.calls.find((call) => call.method === 'myTrades')
    expect(first?.query).toEqual({ symbol: SYMBOL, startTimeMs: proc.journal.getBot(BOT_ID)?.createdAtMs, limit: 1000 })
    // Two days on, still without a fill: no further back than the day Binance serves in one window
    await world.clock.advance(2 * 86_400_000)
    const before = world.clock.nowMs()
    await reconcileNow(world, proc)
    const last = world.calls.filter((call) => call.method === 'myTrades').at(-1)?.query as { startTimeMs: number } | undefined
    // The exchange's clock is read during the reconciliation, which moves the virtual clock a little
    expect(last?.startTimeMs).toBeGreaterThanOrEqual(before - 86_400_000 + 60_000)
    expect(last?.startTimeMs).toBeLessThanOrEqual(world.clock.nowMs() - 86_400_000 + 60_000)
  })

  describe('orders on the exchange the journal does not explain', () => {
    it('cancels one of ours the journal never wrote, and leaves other tools\' and other bots\' orders alone', async () => {
      const world = new GridWorld()
      const proc = await world.start()
      await placeOnExchange(world.sim, 'gk-b1-1B-99', 'BUY', '59000', '0.001')
      await placeOnExchange(world.sim, 'gk-b1-M-7', 'SELL', '65000', '0.001')
      await placeOnExchange(world.sim, 'web_123', 'BUY', '50000', '0.001')
      await placeOnExchange(world.sim, 'gk-b2-1B-1', 'BUY', '50000', '0.001')
      await world.quiesce()

      const report = await reconcileNow(world, proc)
      expect(report.strangersCancelled).toEqual(['gk-b1-1B-99', 'gk-b1-M-7'])
      expect(report.duplicatesCancelled).toEqual([])
      const open = (await world.sim.openOrders(SYMBOL)).map((order) => order.clientOrderId).sort()
      expect(open).toEqual(['gk-b1-0B-1', 'gk-b1-1B-1', 'gk-b1-3S-1', 'gk-b1-4S-1', 'gk-b2-1B-1', 'web_123'])
      expect((await world.sim.queryOrder({ symbol: SYMBOL, clientOrderId: clientOrderId('gk-b1-1B-99') })).status).toBe('CANCELED')
      // The level keeps its own order
      expect(storedLevel(proc.journal, 1)).toMatchObject({ phase: 'open', activeIntentId: 'gk-b1-1B-1' })
    })

    it('cancels the second live order of ours on a level, the one the level does not hold', async () => {
      const world = new GridWorld()
      const proc = await world.start()
      // Left over from an earlier cycle of level 1: written in the journal, live on the exchange, held by no level
      await placeIntent(world, proc, { intentId: 'gk-b1-1B-50', purpose: 'grid', level: 1, side: 'BUY', price: '59000', quantity: '0.002' })
      expect((await world.ordersByLevel())[1]).toEqual(['BUY 0.002@59000', 'BUY 0.002@59000'])

      const report = await reconcileNow(world, proc)
      expect(report.duplicatesCancelled).toEqual(['gk-b1-1B-50'])
      expect(report.strangersCancelled).toEqual([])
      await world.quiesce()
      expect((await world.liveOrder(1)).clientOrderId).toBe('gk-b1-1B-1')
      expect(proc.journal.getIntent('gk-b1-1B-50')?.status).toBe('done')
      // Its cancel does not make the level re-plan anything
      expect(storedLevel(proc.journal, 1)).toMatchObject({ phase: 'open', activeIntentId: 'gk-b1-1B-1', waiting: [] })
      expect(intentsOf(proc.journal, 1).map((intent) => intent.intentId)).toEqual(['gk-b1-1B-1', 'gk-b1-1B-50'])
    })
  })

  it('re-reads the account: the ledger\'s balances are the exchange\'s afterwards', async () => {
    const world = new GridWorld()
    const proc = await world.start()
    const { ledger } = proc.engine
    await placeOnExchange(world.sim, 'web_123', 'BUY', '50000', '0.01')
    await world.quiesce()
    const sim = () => world.sim.account().then((account) => ['USDT', 'BTC'].map((asset) => `${asset} ${account.balances.get(asset)?.free.toFixed()}/${account.balances.get(asset)?.locked.toFixed()}`))
    const book = () => ['USDT', 'BTC'].map((asset) => `${asset} ${ledger.exchangeFree(asset).toFixed()}/${ledger.exchangeLocked(asset).toFixed()}`)
    expect(book()).toEqual(await sim())
    // The person cancels their own order on the web while the stream is silent: 500 USDT come free unseen
    world.sim.silenceStream()
    await world.sim.cancelOrder({ symbol: SYMBOL, clientOrderId: clientOrderId('web_123') })
    expect(book()).not.toEqual(await sim())
    expect(await sim()).toEqual(['USDT 1766/234', 'BTC 0.016/0.004'])

    await reconcileNow(world, proc)
    expect(book()).toEqual(['USDT 1766/234', 'BTC 0.016/0.004'])
  })
})
