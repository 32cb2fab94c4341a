import { describe, expect, it } from 'vitest'
import { venueOrderId, tradeId } from '../port/identifiers'
import { cid, d, describeEvents, flush, limit, market, simSetup, stop, T0 } from './stubs'

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    const venue = error as { name: string; venueCode?: number; venueMessage?: string; message: string }
    return `${venue.name} ${venue.venueCode} ${venue.venueMessage ?? venue.message}`
  }
  return 'accepted'
}

describe('cancel and query errors', () => {
  it('answers -2011 for a cancel of an order that is not open, or unknown', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(market('BUY', '0.1', 'done'))
    expect(await refusal(sim.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: cid('done') }))).toBe('OrderNotFoundError -2011 Unknown order sent.')
    expect(await refusal(sim.cancelOrder({ symbol: 'BTCUSDT', orderId: venueOrderId('99') }))).toBe('OrderNotFoundError -2011 Unknown order sent.')
  })

  it('answers -2013 for a query of an order it never had, also on the wrong symbol', async () => {
    const { sim } = simSetup()
    const placed = await sim.placeOrder(limit('BUY', '99', '0.1', 'a'))
    expect(await refusal(sim.queryOrder({ symbol: 'BTCUSDT', clientOrderId: cid('nope') }))).toBe('OrderNotFoundError -2013 Order does not exist.')
    expect(await refusal(sim.queryOrder({ symbol: 'ETHUSDT', orderId: placed.orderId }))).toBe('OrderNotFoundError -2013 Order does not exist.')
  })

  it('answers -1102 without any id and -2039 when the two ids name different orders', async () => {
    const { sim } = simSetup()
    const placed = await sim.placeOrder(limit('BUY', '99', '0.1', 'a'))
    expect(await refusal(sim.queryOrder({ symbol: 'BTCUSDT' }))).toBe(
      "ExchangeRejectedError -1102 Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!"
    )
    expect(await refusal(sim.cancelOrder({ symbol: 'BTCUSDT', orderId: placed.orderId, clientOrderId: cid('b') }))).toBe(
      'ExchangeRejectedError -2039 Client order ID is not correct for this order ID.'
    )
    expect((await sim.queryOrder({ symbol: 'BTCUSDT', orderId: placed.orderId, clientOrderId: cid('a') })).status).toBe('NEW')
  })

  it('answers -2011 for cancel-all with nothing open, as Binance does', async () => {
    const { sim } = simSetup()
    expect(await refusal(sim.cancelAllOrders('BTCUSDT'))).toBe('OrderNotFoundError -2011 Unknown order sent.')
  })

  it('answers -1121 for every query on an unknown symbol', async () => {
    const { sim } = simSetup()
    const invalid = 'ExchangeRejectedError -1121 Invalid symbol.'
    const calls = [
      sim.cancelOrder({ symbol: 'X', orderId: venueOrderId('1') }),
      sim.cancelAllOrders('X'),
      sim.queryOrder({ symbol: 'X', orderId: venueOrderId('1') }),
      sim.openOrders('X'),
      sim.allOrders({ symbol: 'X' }),
      sim.myTrades({ symbol: 'X' }),
      sim.lastPrice('X'),
      sim.klines('X', '1m', 10),
      sim.exchangeInfo(['BTCUSDT', 'X']),
      sim.cancelOrderList('X', 'l')
    ]
    for (const call of calls) expect(await refusal(call)).toBe(invalid)
  })
})

describe('cancel', () => {
  it('cancels an open order, returns its lock and reports CANCELED', async () => {
    const { sim, events } = simSetup()
    await sim.placeOrder(limit('BUY', '99', '0.5', 'a'))
    sim.trade('BTCUSDT', d('99'), d('0.2'))
    const report = await sim.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: cid('a') })
    expect([report.status, report.executedQty.toFixed()]).toEqual(['CANCELED', '0.2'])
    const usdt = (await sim.account()).balances.get('USDT')
    expect([usdt?.free.toFixed(), usdt?.locked.toFixed()]).toEqual(['9980.2', '0'])
    await flush()
    expect(describeEvents(events).slice(-2)).toEqual(['CANCELED a CANCELED', 'balances USDT'])
  })
})

describe('listings', () => {
  it('lists open orders oldest first and drops closed ones', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(limit('BUY', '99', '0.1', 'a'))
    await sim.placeOrder(limit('BUY', '98', '0.1', 'b'))
    await sim.placeOrder(limit('SELL', '101', '0.1', 'c'))
    sim.trade('BTCUSDT', d('101'), d('1'))
    expect((await sim.openOrders('BTCUSDT')).map((order) => order.clientOrderId)).toEqual(['a', 'b'])
    expect(await sim.openOrders('ETHUSDT')).toEqual([])
  })

  it('lists all orders oldest first: the latest `limit`, or from startTimeMs on', async () => {
    const { sim, clock } = simSetup()
    for (let index = 0; index < 5; index += 1) {
      await sim.placeOrder(limit('BUY', String(90 + index), '0.1', `o${index}`))
      await clock.advance(1000)
    }
    const ids = async (query: { startTimeMs?: number; limit?: number }) => (await sim.allOrders({ symbol: 'BTCUSDT', ...query })).map((order) => order.clientOrderId)
    expect(await ids({})).toEqual(['o0', 'o1', 'o2', 'o3', 'o4'])
    expect(await ids({ limit: 2 })).toEqual(['o3', 'o4'])
    expect(await ids({ startTimeMs: T0 + 1000, limit: 2 })).toEqual(['o1', 'o2'])
    expect(await refusal(sim.allOrders({ symbol: 'BTCUSDT', limit: 1001 }))).toBe("ExchangeRejectedError -1130 Data sent for parameter 'limit' is not valid.")
  })

  it('lists trades by order, from a trade id, from a time, or the latest; oldest first', async () => {
    const { sim, clock } = simSetup()
    const a = await sim.placeOrder(limit('BUY', '99', '0.3', 'a'))
    for (let index = 0; index < 3; index += 1) {
      sim.trade('BTCUSDT', d('99'), d('0.1'))
      await clock.advance(1000)
    }
    await sim.placeOrder(market('SELL', '0.1', 'b'))
    await sim.placeOrder(market('SELL', '0.1', 'c'))
    const trades = async (query: object) => (await sim.myTrades({ symbol: 'BTCUSDT', ...query })).map((fill) => `${fill.tradeId}:${fill.clientOrderId}`)
    expect(await trades({})).toEqual(['1:a', '2:a', '3:a', '4:b', '5:c'])
    expect(await trades({ orderId: a.orderId })).toEqual(['1:a', '2:a', '3:a'])
    expect(await trades({ orderId: a.orderId, fromTradeId: tradeId('2') })).toEqual(['2:a', '3:a'])
    expect(await trades({ fromTradeId: tradeId('3'), limit: 2 })).toEqual(['3:a', '4:b'])
    expect(await trades({ startTimeMs: T0 + 2000 })).toEqual(['3:a', '4:b', '5:c'])
    expect(await trades({ limit: 2 })).toEqual(['4:b', '5:c'])
    expect(await refusal(sim.myTrades({ symbol: 'BTCUSDT', orderId: a.orderId, startTimeMs: T0 }))).toBe(
      'ExchangeRejectedError -1128 Combination of optional parameters invalid.'
    )
    expect(await refusal(sim.myTrades({ symbol: 'BTCUSDT', limit: 0 }))).toBe("ExchangeRejectedError -1130 Data sent for parameter 'limit' is not valid.")
  })

  it('pages 500 trades by default and at most 1000', async () => {
    const { sim } = simSetup({ makerFee: d('0'), takerFee: d('0') })
    await sim.placeOrder(limit('BUY', '99', '1.2', 'a'))
    for (let index = 0; index < 1200; index += 1) sim.trade('BTCUSDT', d('99'), d('0.001'))
    expect(await sim.myTrades({ symbol: 'BTCUSDT' })).toHaveLength(500)
    expect(await sim.myTrades({ symbol: 'BTCUSDT', limit: 1000 })).toHaveLength(1000)
    expect((await sim.myTrades({ symbol: 'BTCUSDT', fromTradeId: tradeId('1') }))[499]?.tradeId).toBe('500')
  })
})

describe('market data and account', () => {
  it('serves the account, the last price and the clock', async () => {
    const { sim, clock } = simSetup()
    await clock.advance(5000)
    await sim.placeOrder(limit('BUY', '99', '0.1', 'a'))
    const account = await sim.account()
    expect([...account.balances.keys()]).toEqual(['USDT', 'BTC'])
    expect([account.updatedAtMs, account.canTrade]).toEqual([T0 + 5000, true])
    expect((await sim.lastPrice('BTCUSDT')).toFixed()).toBe('100')
    expect(await sim.serverTimeMs()).toBe(T0 + 5000)
  })

  it('draws its book one tick either side of the last price, so a LIMIT at the touch takes at once', async () => {
    const { sim } = simSetup()
    const book = await sim.bookTicker('BTCUSDT')
    expect([book.bid.toFixed(), book.ask.toFixed()]).toEqual(['99.99', '100.01'])
    const taken = await sim.placeOrder(limit('BUY', book.ask.toFixed(), '0.1', 'touch'))
    expect([taken.status, taken.cumulativeQuoteQty.toFixed()]).toEqual(['FILLED', '10'])
  })

  it('serves the rules it was given, all or by symbol', async () => {
    const { sim } = simSetup()
    expect([...(await sim.exchangeInfo()).symbols.keys()]).toEqual(['BTCUSDT', 'ETHUSDT'])
    expect([...(await sim.exchangeInfo(['ETHUSDT'])).symbols.keys()]).toEqual(['ETHUSDT'])
  })

  it('serves closed klines built from the trades it saw', async () => {
    const { sim, clock } = simSetup()
    sim.trade('BTCUSDT', d('101'), d('1'))
    await clock.advance(30_000)
    sim.trade('BTCUSDT', d('99'), d('2'))
    await clock.advance(40_000)
    sim.trade('BTCUSDT', d('100'), d('1'))
    const candles = await sim.klines('BTCUSDT', '1m', 10)
    expect(candles.map((c) => `${c.openTimeMs - T0} ${c.open} ${c.high} ${c.low} ${c.close} ${c.volume}`)).toEqual(['0 101 101 99 99 3'])
    expect(await refusal(sim.klines('BTCUSDT', '7m', 10))).toBe('ExchangeRejectedError -1120 Invalid interval.')
    expect(await refusal(sim.klines('BTCUSDT', '1m', 0))).toBe("ExchangeRejectedError -1130 Data sent for parameter 'limit' is not valid.")
  })
})

describe('trades that change the account, and restored ones', () => {
  it('tells a trade that fills or triggers an order from one that only moves the market', async () => {
    const { sim, clock, events } = simSetup()
    await sim.placeOrder(limit('BUY', '99', '0.5', 'buy'))
    await sim.placeOrder(stop('STOP_LOSS_LIMIT', 'SELL', '95', '0.1', 'stop', '96'))
    await flush()
    const before = events.length
    expect(sim.trade('BTCUSDT', d('100.5'), d('3'))).toBe(false)
    expect(sim.trade('BTCUSDT', d('99'), d('0'))).toBe(false)
    expect(sim.trade('ETHUSDT', d('9'), d('3'))).toBe(false)
    await flush()
    expect(events.length).toBe(before)
    expect(sim.trade('BTCUSDT', d('99'), d('0.2'))).toBe(true)
    await flush()
    // A stop-limit that triggers and rests sends no event, yet it changed the order
    const afterFill = events.length
    await clock.advance(1000)
    expect(sim.trade('BTCUSDT', d('95'), d('0'))).toBe(true)
    await flush()
    expect(events.length).toBe(afterFill)
    expect((await sim.queryOrder({ symbol: 'BTCUSDT', clientOrderId: cid('stop') })).updatedAtMs).toBe(T0 + 1000)
  })

  it('restores merged trades into the klines and the last price without touching orders', async () => {
    const traded = simSetup()
    const restored = simSetup()
    await traded.sim.placeOrder(limit('BUY', '90', '0.5', 'buy'))
    await restored.sim.placeOrder(limit('BUY', '90', '0.5', 'buy'))
    for (const [offsetMs, price, quantity] of [[0, '101', '1'], [20_000, '99', '2'], [50_000, '100', '1'], [65_000, '102', '1']] as const) {
      await traded.clock.advanceTo(T0 + offsetMs)
      expect(traded.sim.trade('BTCUSDT', d(price), d(quantity))).toBe(false)
    }
    restored.sim.restoreTrades('BTCUSDT', { open: d('101'), high: d('101'), low: d('99'), close: d('99'), volume: d('3') }, T0 + 20_000)
    restored.sim.restoreTrades('BTCUSDT', { open: d('100'), high: d('100'), low: d('100'), close: d('100'), volume: d('1') }, T0 + 50_000)
    restored.sim.restoreTrades('BTCUSDT', { open: d('102'), high: d('102'), low: d('102'), close: d('102'), volume: d('1') }, T0 + 65_000)
    await traded.clock.advanceTo(T0 + 180_000)
    await restored.clock.advanceTo(T0 + 180_000)
    for (const interval of ['1m', '3m']) expect(await restored.sim.klines('BTCUSDT', interval, 10)).toEqual(await traded.sim.klines('BTCUSDT', interval, 10))
    expect((await restored.sim.lastPrice('BTCUSDT')).toFixed()).toBe('102')
    expect(restored.sim.knownLastPrice('BTCUSDT')?.toFixed()).toBe('102')
    expect(await restored.sim.openOrders('BTCUSDT')).toEqual(await traded.sim.openOrders('BTCUSDT'))
    restored.sim.restoreLastPrice('ETHUSDT', d('11'))
    expect((await restored.sim.lastPrice('ETHUSDT')).toFixed()).toBe('11')
    expect(() => restored.sim.restoreLastPrice('X', d('1'))).toThrow(RangeError)
  })
})

describe('user events', () => {
  it('delivers nothing inside the call, and everything after its promise settled, in order', async () => {
    const { sim, events } = simSetup()
    const placing = sim.placeOrder(limit('BUY', '101', '0.2', 'a'))
    expect(events).toEqual([])
    await placing
    expect(events).toEqual([])
    await flush()
    expect(describeEvents(events)).toEqual(['NEW a NEW', 'TRADE a FILLED 0.2@100 taker', 'balances USDT,BTC'])
  })

  it('delivers events caused by a trade later, not inside trade()', async () => {
    const { sim, events } = simSetup()
    await sim.placeOrder(limit('SELL', '101', '0.1', 'a'))
    await flush()
    events.length = 0
    sim.trade('BTCUSDT', d('101'), d('1'))
    expect(events).toEqual([])
    await flush()
    expect(describeEvents(events)).toEqual(['TRADE a FILLED 0.1@101 maker', 'balances BTC,USDT'])
  })

  it('carries the fill on TRADE events and the state after the change on each report', async () => {
    const { sim, events, clock } = simSetup()
    await sim.placeOrder(limit('BUY', '99', '0.2', 'a'))
    await clock.advance(250)
    sim.trade('BTCUSDT', d('99'), d('0.1'))
    await flush()
    const trade = events.find((event) => event.type === 'execution' && event.executionType === 'TRADE')
    expect(trade).toMatchObject({ type: 'execution', eventTimeMs: T0 + 250, report: { status: 'PARTIALLY_FILLED', updatedAtMs: T0 + 250 }, fill: { tradeId: '1', isMaker: true } })
    const balances = events.filter((event) => event.type === 'balances')
    const last = balances[balances.length - 1]
    expect(last?.type === 'balances' && last.balances.map((b) => `${b.asset} ${b.free.toFixed()}/${b.locked.toFixed()}`)).toEqual([
      'USDT 9980.2/9.9',
      'BTC 1.0999/0'
    ])
  })

  it('stops delivering to a listener that unsubscribed', async () => {
    const { sim } = simSetup()
    const seen: string[] = []
    const stopListening = sim.subscribeUserEvents((event) => seen.push(event.type))
    await sim.placeOrder(limit('BUY', '99', '0.1', 'a'))
    stopListening()
    await flush()
    expect(seen).toEqual([])
  })
})
