import { generateKeyPairSync } from 'node:crypto'
import { Decimal } from '@shared/money/decimal'
import { afterEach, describe, expect, it } from 'vitest'
import type { Clock } from '../../clock/clock'
import { LiveClock } from '../../clock/live-clock'
import { MemoryLogger } from '../../logging/logger'
import { startPaperServer, type PaperServer } from '../paper-server/paper-server'
import type { PaperServerOptions } from '../paper-server/paper-server-options'
import { TEST_KEY } from '../paper-server/stubs'
import { clientOrderId } from '../port/identifiers'
import type { NewOrder } from '../port/new-order'
import type { TradeTick } from '../port/market-event'
import type { UserEvent } from '../port/user-event'
import { BinanceExchange } from './binance-exchange'
import type { BinanceExchangeOptions } from './binance-exchange-options'
import { customEndpoints } from './urls'

/** Wall-clock time moved by `shiftMs`: the paper server's clock drifting away from ours. */
class ShiftedClock implements Clock {
  shiftMs = 0
  private readonly live = new LiveClock()

  nowMs(): number {
    return Date.now() + this.shiftMs
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.live.sleep(ms, signal)
  }
}

const ed = generateKeyPairSync('ed25519')
const ED_KEY = { apiKey: 'paper-adapter-ed', secret: ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }

let server: PaperServer | undefined
let exchange: BinanceExchange | undefined

afterEach(async () => {
  await exchange?.close()
  await server?.close()
  exchange = undefined
  server = undefined
})

async function start(serverOptions: Partial<PaperServerOptions> = {}, adapterOptions: Partial<BinanceExchangeOptions> = {}) {
  const paper = await startPaperServer({ apiKeys: [TEST_KEY, ED_KEY], sim: { balances: { USDT: '10000', BTC: '1' }, prices: { BTCUSDT: '100.00', ETHUSDT: '10.00' } }, ...serverOptions })
  server = paper
  const logger = new MemoryLogger()
  const adapter = new BinanceExchange({
    endpoints: customEndpoints(paper.restUrl, paper.wsUrl),
    apiKey: TEST_KEY.apiKey,
    apiSecret: TEST_KEY.secret,
    clock: new LiveClock(),
    logger,
    random: () => 0.5,
    userStream: { backoff: { initialMs: 20, maxMs: 200 } },
    ...adapterOptions
  })
  exchange = adapter
  const events: UserEvent[] = []
  return { paper, adapter, logger, events, listen: () => adapter.subscribeUserEvents((event) => events.push(event)) }
}

function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 4000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const poll = () => {
      const value = probe()
      if (value !== undefined && value !== false) resolve(value)
      else if (Date.now() - started > timeoutMs) reject(new Error(`timed out waiting for ${what}`))
      else setTimeout(poll, 5)
    }
    poll()
  })
}

const limit = (id: string, side: 'BUY' | 'SELL', quantity: string, price: string): NewOrder => ({
  symbol: 'BTCUSDT',
  clientOrderId: clientOrderId(id),
  side,
  type: 'LIMIT',
  timeInForce: 'GTC',
  quantity: new Decimal(quantity),
  price: new Decimal(price)
})

const statuses = (events: readonly UserEvent[]) => events.flatMap((event) => (event.type === 'stream' ? [event.status] : []))

describe('BinanceExchange against the paper server', () => {
  it('reads exchangeInfo (adopting its rate limits), the clock, the account and the last price', async () => {
    const { adapter } = await start()
    const rules = await adapter.exchangeInfo(['BTCUSDT', 'ETHUSDT'])
    expect([...rules.symbols.keys()]).toEqual(['BTCUSDT', 'ETHUSDT'])
    expect(rules.symbols.get('BTCUSDT')?.filters.priceFilter?.tickSize.toFixed()).toBe('0.01')
    expect(adapter.health().rateLimits.map((usage) => `${usage.kind}/${usage.intervalMs}: ${usage.limit}`)).toEqual(['weight/60000: 6000', 'orders/10000: 50', 'orders/86400000: 160000'])
    expect(Math.abs((await adapter.serverTimeMs()) - Date.now())).toBeLessThan(1000)
    const account = await adapter.account()
    expect([account.canTrade, account.balances.get('BTC')?.free.toFixed(), account.balances.get('USDT')?.free.toFixed()]).toEqual([true, '1', '10000'])
    expect((await adapter.lastPrice('BTCUSDT')).toFixed()).toBe('100')
    // The paper server's book is one tick either side of the last price
    const book = await adapter.bookTicker('BTCUSDT')
    expect([book.bid.toFixed(), book.ask.toFixed()]).toEqual(['99.99', '100.01'])
  })

  it('places, queries and cancels orders; lists open and past orders and the trades, which name no client order id', async () => {
    const { adapter, paper } = await start()
    const resting = await adapter.placeOrder(limit('t-buy-1', 'BUY', '0.5', '99.00'))
    expect(resting).toMatchObject({ clientOrderId: 't-buy-1', status: 'NEW', fills: [] })
    const sold = await adapter.placeOrder({ symbol: 'BTCUSDT', clientOrderId: clientOrderId('t-sell-1'), side: 'SELL', type: 'MARKET', quantity: new Decimal('0.1') })
    expect(sold.status).toBe('FILLED')
    expect(sold.fills?.map((fill) => `${fill.price.toFixed()} x ${fill.quantity.toFixed()} ${fill.clientOrderId}`)).toEqual(['100 x 0.1 t-sell-1'])
    expect((await adapter.queryOrder({ symbol: 'BTCUSDT', clientOrderId: clientOrderId('t-buy-1') })).orderId).toBe(resting.orderId)
    expect((await adapter.queryOrder({ symbol: 'BTCUSDT', orderId: resting.orderId })).clientOrderId).toBe('t-buy-1')
    expect((await adapter.openOrders('BTCUSDT')).map((order) => order.clientOrderId)).toEqual(['t-buy-1'])
    const cancelled = await adapter.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: clientOrderId('t-buy-1') })
    expect(cancelled).toMatchObject({ clientOrderId: 't-buy-1', status: 'CANCELED' })
    await expect(adapter.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: clientOrderId('t-buy-1') })).rejects.toMatchObject({ name: 'OrderNotFoundError', venueCode: -2011 })
    await expect(adapter.queryOrder({ symbol: 'BTCUSDT', clientOrderId: clientOrderId('never-sent') })).rejects.toMatchObject({ name: 'OrderNotFoundError', venueCode: -2013 })
    expect((await adapter.allOrders({ symbol: 'BTCUSDT' })).map((order) => `${order.clientOrderId} ${order.status}`)).toEqual(['t-buy-1 CANCELED', 't-sell-1 FILLED'])
    const trades = await adapter.myTrades({ symbol: 'BTCUSDT' })
    expect(trades.map((trade) => [trade.orderId, trade.side, trade.price.toFixed(), trade.quantity.toFixed()])).toEqual([[sold.orderId, 'SELL', '100', '0.1']])
    expect(trades[0]?.clientOrderId).toBeUndefined()
    expect(await adapter.myTrades({ symbol: 'BTCUSDT', orderId: resting.orderId })).toEqual([])
    await expect(adapter.placeOrder(limit('t-bad-1', 'BUY', '0.5', '99.001'))).rejects.toMatchObject({ name: 'ExchangeRejectedError', venueCode: -1013, venueMessage: 'Filter failure: PRICE_FILTER' })
    expect(paper.stats().rest.requests).toBeGreaterThan(10)
  })

  it('places an OCO list, finds it among the open lists with both legs, cancels it, and cancels all orders of a symbol', async () => {
    const { adapter } = await start()
    const list = await adapter.placeOcoList({
      symbol: 'BTCUSDT',
      listClientOrderId: clientOrderId('t-oco-1'),
      side: 'SELL',
      quantity: new Decimal('0.4'),
      above: { clientOrderId: clientOrderId('t-oco-1-tp'), type: 'LIMIT_MAKER', price: new Decimal('110.00') },
      below: { clientOrderId: clientOrderId('t-oco-1-sl'), type: 'STOP_LOSS_LIMIT', stopPrice: new Decimal('90.00'), price: new Decimal('89.00') }
    })
    expect(list).toMatchObject({ listClientOrderId: 't-oco-1', contingencyType: 'OCO', listOrderStatus: 'EXECUTING' })
    expect(list.orders.map((leg) => `${leg.clientOrderId} ${leg.type} ${leg.status}`)).toEqual(['t-oco-1-tp LIMIT_MAKER NEW', 't-oco-1-sl STOP_LOSS_LIMIT NEW'])
    const open = await adapter.openOrderLists()
    expect(open.map((entry) => [entry.listClientOrderId, entry.orders.map((leg) => leg.clientOrderId)])).toEqual([['t-oco-1', ['t-oco-1-tp', 't-oco-1-sl']]])
    const done = await adapter.cancelOrderList('BTCUSDT', 't-oco-1')
    expect(done.orders.map((leg) => `${leg.clientOrderId} ${leg.status}`)).toEqual(['t-oco-1-tp CANCELED', 't-oco-1-sl CANCELED'])
    expect(await adapter.openOrderLists()).toEqual([])

    await adapter.placeOrder(limit('t-all-1', 'BUY', '0.1', '95.00'))
    await adapter.placeOrder(limit('t-all-2', 'SELL', '0.1', '105.00'))
    const swept = await adapter.cancelAllOrders('BTCUSDT')
    expect(swept.map((order) => `${order.clientOrderId} ${order.status}`).sort()).toEqual(['t-all-1 CANCELED', 't-all-2 CANCELED'])
    await expect(adapter.cancelAllOrders('BTCUSDT')).rejects.toMatchObject({ name: 'OrderNotFoundError' })
  })

  it('delivers user-data events for fills: the execution with its trade, then the balances', async () => {
    const { adapter, paper, events, listen } = await start()
    listen()
    const placed = await adapter.placeOrder(limit('t-fill-1', 'BUY', '0.2', '99.50'))
    paper.trade('BTCUSDT', new Decimal('99.00'), new Decimal('1'))
    const trade = await waitFor('the fill event', () => events.find((event) => event.type === 'execution' && event.executionType === 'TRADE'))
    expect(trade.type === 'execution' && [trade.report.orderId, trade.report.clientOrderId, trade.report.status, trade.fill?.price.toFixed(), trade.fill?.quantity.toFixed(), trade.fill?.isMaker]).toEqual([
      placed.orderId, 't-fill-1', 'FILLED', '99.5', '0.2', true
    ])
    await waitFor('the balances', () => events.find((event) => event.type === 'balances' && event.balances.some((balance) => balance.asset === 'BTC')))
    // The first subscription came before the first order: nothing was missed, so no status event
    expect(statuses(events)).toEqual([])
    expect(adapter.health().userStream).toBe('connected')
  })

  it('reconnects after the server drops its sockets: disconnected, then connected, then events flow again', async () => {
    const { adapter, paper, events, listen } = await start()
    listen()
    await adapter.placeOrder(limit('t-drop-1', 'BUY', '0.1', '95.00'))
    expect(paper.faults.dropConnections()).toBeGreaterThan(0)
    await waitFor('connected after the drop', () => statuses(events).includes('connected'))
    expect(statuses(events)).toEqual(['disconnected', 'connected'])
    const placed = await adapter.placeOrder({ symbol: 'BTCUSDT', clientOrderId: clientOrderId('t-drop-2'), side: 'SELL', type: 'MARKET', quantity: new Decimal('0.05') })
    await waitFor('an event on the new connection', () => events.find((event) => event.type === 'execution' && event.report.orderId === placed.orderId))
  })

  it('treats a silent stream as dead while orders are open (idle watchdog), and reconnects after a serverShutdown', async () => {
    const { adapter, paper, events, listen } = await start({}, { userStream: { backoff: { initialMs: 20, maxMs: 200 }, idleTimeoutMs: 300, idleCheckIntervalMs: 25 } })
    listen()
    await adapter.placeOrder(limit('t-idle-1', 'BUY', '0.1', '95.00'))
    paper.faults.silenceConnections()
    const lost = await waitFor('the watchdog', () => events.find((event) => event.type === 'stream' && event.status === 'disconnected'))
    expect(lost.type === 'stream' && lost.reason).toMatch(/^idle watchdog: no user data for \d+ ms while orders are open$/)
    await waitFor('connected after the watchdog', () => statuses(events).includes('connected'))
    paper.faults.restoreConnections()
    paper.faults.serverShutdown(20)
    await waitFor('connected after the shutdown', () => statuses(events).filter((status) => status === 'connected').length === 2)
    expect(events.flatMap((event) => (event.type === 'stream' ? [event.reason] : []))).toContain('the server announced a shutdown')
  })

  it('reads the average price, which lags the last price after a gap', async () => {
    const { paper, adapter } = await start()
    paper.trade('BTCUSDT', new Decimal('100'), new Decimal('2'))
    paper.sim.gap('BTCUSDT', new Decimal('120'))
    const average = await adapter.avgPrice('BTCUSDT')
    expect([average.mins, average.price.toFixed()]).toEqual([5, '100'])
    expect((await adapter.lastPrice('BTCUSDT')).toFixed()).toBe('120')
  })

  it('maps a -1021 burst on signed requests to a retryable timestamp error, and works again after it', async () => {
    const { paper, adapter } = await start()
    paper.faults.timestampBurst(200)
    await expect(adapter.account()).rejects.toMatchObject({ name: 'ExchangeRetryableError', reason: 'timestamp', venueCode: -1021 })
    await expect(adapter.placeOrder(limit('t-burst-1', 'BUY', '0.1', '95.00'))).rejects.toMatchObject({ name: 'ExchangeRetryableError', reason: 'timestamp', venueCode: -1021 })
    expect((await adapter.lastPrice('BTCUSDT')).toFixed()).toBe('100')
    await new Promise((resolve) => setTimeout(resolve, 220))
    expect((await adapter.account()).canTrade).toBe(true)
    expect(await paper.sim.openOrders('BTCUSDT')).toEqual([])
  })

  it('answers a stale timestamp with a retryable -1021, resyncs the offset once, and the retry passes', async () => {
    const clock = new ShiftedClock()
    const { adapter } = await start({ clock })
    await adapter.account()
    expect(Math.abs(adapter.health().serverOffsetMs)).toBeLessThan(100)
    clock.shiftMs = 30_000
    await expect(adapter.account()).rejects.toMatchObject({ name: 'ExchangeRetryableError', reason: 'timestamp', venueCode: -1021, retryAfterMs: 0 })
    expect(Math.abs(adapter.health().serverOffsetMs - 30_000)).toBeLessThan(100)
    expect((await adapter.account()).canTrade).toBe(true)
  })

  it('measures the exchange’s clock before subscribing, so a skewed clock does not keep the stream out', async () => {
    const clock = new ShiftedClock()
    clock.shiftMs = 30_000
    const { adapter, paper, events, listen } = await start({ clock })
    listen()
    const placed = await adapter.placeOrder({ symbol: 'BTCUSDT', clientOrderId: clientOrderId('t-skew-1'), side: 'SELL', type: 'MARKET', quantity: new Decimal('0.05') })
    await waitFor('the fill event', () => events.find((event) => event.type === 'execution' && event.report.orderId === placed.orderId && event.executionType === 'TRADE'))
    expect(statuses(events)).toEqual([])
    expect(paper.stats().connections).toBe(1)
  })

  it('maps a 429 to a retryable error with Retry-After, and holds later sends instead of hammering', async () => {
    const { adapter, paper } = await start({}, { rateLimit: { maxWaitMs: 1_000 } })
    await adapter.account()
    paper.faults.rateLimitNext(7)
    await expect(adapter.account()).rejects.toMatchObject({ name: 'ExchangeRetryableError', reason: 'rate-limit', venueCode: -1003, retryAfterMs: 7000 })
    const sent = paper.stats().rest.requests
    await expect(adapter.lastPrice('BTCUSDT')).rejects.toMatchObject({ name: 'ExchangeRetryableError', reason: 'rate-limit' })
    expect(paper.stats().rest.requests).toBe(sent)
  })

  it('maps an injected -1007 and a 5xx on placeOrder to OutcomeUnknownError; a query then finds what happened', async () => {
    const { adapter, paper } = await start()
    paper.faults.configure({ orderTimeoutRate: 1, orderTimeoutPlacedShare: 1 })
    await expect(adapter.placeOrder(limit('t-unknown-1', 'BUY', '0.1', '95.00'))).rejects.toMatchObject({ name: 'OutcomeUnknownError', venueCode: -1007 })
    paper.faults.configure({ orderTimeoutRate: 0 })
    expect((await adapter.queryOrder({ symbol: 'BTCUSDT', clientOrderId: clientOrderId('t-unknown-1') })).status).toBe('NEW')
    paper.faults.serverErrorNext(false)
    await expect(adapter.placeOrder(limit('t-unknown-2', 'BUY', '0.1', '95.00'))).rejects.toMatchObject({ name: 'OutcomeUnknownError', venueCode: -1001 })
    await expect(adapter.queryOrder({ symbol: 'BTCUSDT', clientOrderId: clientOrderId('t-unknown-2') })).rejects.toMatchObject({ name: 'OrderNotFoundError' })
  })

  it('logs on with an Ed25519 key (session.logon, then userDataStream.subscribe) and receives events', async () => {
    const { adapter, paper, events, listen } = await start({}, { apiKey: ED_KEY.apiKey, apiSecret: ED_KEY.secret })
    listen()
    const placed = await adapter.placeOrder(limit('t-ed-1', 'BUY', '0.1', '99.90'))
    paper.trade('BTCUSDT', new Decimal('99.80'), new Decimal('1'))
    await waitFor('the fill', () => events.find((event) => event.type === 'execution' && event.report.orderId === placed.orderId && event.executionType === 'TRADE'))
  })

  it('delivers public trades from the market streams and reads closed klines on the exchange’s clock', async () => {
    const clock = new ShiftedClock()
    const { adapter, paper } = await start({ clock })
    const ticks: TradeTick[] = []
    const stop = adapter.subscribeTrades('BTCUSDT', (tick) => ticks.push(tick))
    const trader = setInterval(() => paper.trade('BTCUSDT', new Decimal('100.50'), new Decimal('0.3')), 20)
    try {
      const tick = await waitFor('a trade tick', () => ticks[0])
      expect([tick.symbol, tick.price.toFixed(), tick.quantity.toFixed()]).toEqual(['BTCUSDT', '100.5', '0.3'])
      // The SDK reconnects market streams and subscribes again by itself
      const droppedAtMs = Date.now()
      expect(paper.faults.dropConnections()).toBe(1)
      await waitFor('trades printed well after the drop', () => ticks.some((entry) => entry.timeMs > droppedAtMs + 200))
    } finally {
      clearInterval(trader)
      stop()
    }
    // The trades' minute is still running (or, when they straddled a minute, only the earlier one is over)
    const before = await adapter.klines('BTCUSDT', '1m', 10)
    expect(before.length).toBeLessThanOrEqual(1)
    expect(before.every((candle) => candle.closed && candle.closeTimeMs < Date.now())).toBe(true)
    // A minute later on the exchange's clock the candle of those trades is closed: an adapter that
    // measures the clock now (REST only, nothing to close) sees it closed
    clock.shiftMs = 61_000
    const fresh = new BinanceExchange({ endpoints: customEndpoints(paper.restUrl, paper.wsUrl), apiKey: TEST_KEY.apiKey, apiSecret: TEST_KEY.secret, clock: new LiveClock(), logger: new MemoryLogger() })
    const candles = await fresh.klines('BTCUSDT', '1m', 10)
    expect(candles).toHaveLength(before.length + 1)
    expect(candles.map((candle) => [candle.close.toFixed(), candle.closed])).toEqual(candles.map(() => ['100.5', true]))
  })
})
