import { afterEach, describe, expect, it } from 'vitest'
import type { Clock } from '../../clock/clock'
import { limit, market, sellOco } from '../sim/stubs'
import { startPaperServer, type PaperServer } from './paper-server'
import { signedRequest } from './stubs'

type Json = Record<string, unknown>

const MIN = 60_000
const T0 = Date.UTC(2026, 0, 5)
const HISTORY = 1_100

/** A clock set by hand: each order of a history gets its own minute. */
class HandClock implements Clock {
  constructor(public now: number) {}

  nowMs(): number {
    return this.now
  }

  sleep(): Promise<void> {
    return new Promise(() => undefined)
  }
}

let server: PaperServer | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
})

async function start(): Promise<{ server: PaperServer; clock: HandClock }> {
  const clock = new HandClock(T0)
  server = await startPaperServer({ apiKeys: [{ apiKey: 'k', secret: 's' }], clock, sim: { balances: { USDT: '10000', BTC: '1' }, prices: { BTCUSDT: '100.00' } } })
  return { server, clock }
}

/** Asks the server at its own clock's time; answers the body, or "code message" for a refusal. */
async function ask(clock: HandClock, path: string, params: Readonly<Record<string, string | number>>): Promise<unknown> {
  const answer = await signedRequest(server as PaperServer, 'GET', path, params, { apiKey: 'k', secret: 's', timestamp: clock.now })
  const body = answer.body as Json
  return answer.status === 200 ? body : `${String(body['code'])} ${String(body['msg'])}`
}

const ids = (rows: unknown, field: string) => (rows as Json[]).map((row) => Number(row[field]))
const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, index) => first + index)

describe('paper server history paging over more than the latest 1,000', () => {
  it('pages allOrders by orderId from the first order on, ascending, limit 500 by default and at most 1000', { timeout: 30_000 }, async () => {
    const { server, clock } = await start()
    // One order a minute, each placed and cancelled: 1,100 orders over about 18 hours
    for (let index = 1; index <= HISTORY; index += 1) {
      clock.now = T0 + index * MIN
      const placed = await server.sim.placeOrder(limit('BUY', '50', '0.1', `o${index}`))
      await server.sim.cancelOrder({ symbol: 'BTCUSDT', orderId: placed.orderId })
    }
    expect(ids(await ask(clock, '/api/v3/allOrders', { symbol: 'BTCUSDT', orderId: 1, limit: 5 }), 'orderId')).toEqual([1, 2, 3, 4, 5])
    expect(ids(await ask(clock, '/api/v3/allOrders', { symbol: 'BTCUSDT', orderId: 550, limit: 3 }), 'orderId')).toEqual([550, 551, 552])
    expect(ids(await ask(clock, '/api/v3/allOrders', { symbol: 'BTCUSDT', orderId: 1_099 }), 'orderId')).toEqual([1_099, 1_100])
    expect(ids(await ask(clock, '/api/v3/allOrders', { symbol: 'BTCUSDT', orderId: 1 }), 'orderId')).toEqual(range(1, 500))
    expect(ids(await ask(clock, '/api/v3/allOrders', { symbol: 'BTCUSDT', orderId: 2, limit: 1_000 }), 'orderId')).toEqual(range(2, 1_001))
    // Without an id or a start, the latest
    expect(ids(await ask(clock, '/api/v3/allOrders', { symbol: 'BTCUSDT' }), 'orderId')).toEqual(range(601, 1_100))
    expect(await ask(clock, '/api/v3/allOrders', { symbol: 'BTCUSDT', orderId: 1, limit: 1_001 })).toBe("-1130 Data sent for parameter 'limit' is not valid.")
  })

  it('pages allOrders by time as Binance does: from startTime the oldest, up to endTime the latest, at most 24 hours between them', { timeout: 30_000 }, async () => {
    const { server, clock } = await start()
    for (let index = 1; index <= HISTORY; index += 1) {
      clock.now = T0 + index * MIN
      const placed = await server.sim.placeOrder(limit('BUY', '50', '0.1', `o${index}`))
      await server.sim.cancelOrder({ symbol: 'BTCUSDT', orderId: placed.orderId })
    }
    clock.now = T0 + (HISTORY + 1) * MIN
    const at = (index: number) => T0 + index * MIN
    expect(ids(await ask(clock, '/api/v3/allOrders', { symbol: 'BTCUSDT', startTime: at(3), limit: 3 }), 'orderId')).toEqual([3, 4, 5])
    expect(ids(await ask(clock, '/api/v3/allOrders', { symbol: 'BTCUSDT', endTime: at(50), limit: 3 }), 'orderId')).toEqual([48, 49, 50])
    expect(ids(await ask(clock, '/api/v3/allOrders', { symbol: 'BTCUSDT', endTime: at(20) }), 'orderId')).toEqual(range(1, 20))
    expect(ids(await ask(clock, '/api/v3/allOrders', { symbol: 'BTCUSDT', startTime: at(10), endTime: at(14) }), 'orderId')).toEqual(range(10, 14))
    expect(await ask(clock, '/api/v3/allOrders', { symbol: 'BTCUSDT', startTime: at(0), endTime: at(0) + 24 * 60 * MIN + 1 })).toBe('-1127 More than 24 hours between startTime and endTime.')
  })

  it('pages allOrderList by fromId from the first list on, and refuses fromId with a time', { timeout: 30_000 }, async () => {
    const { server, clock } = await start()
    for (let index = 1; index <= HISTORY; index += 1) {
      clock.now = T0 + index * MIN
      await server.sim.placeOcoList(sellOco('0.1', '110', '90', '89', `l${index}`))
      await server.sim.cancelOrderList('BTCUSDT', `l${index}`)
    }
    expect(ids(await ask(clock, '/api/v3/allOrderList', { fromId: 1, limit: 5 }), 'orderListId')).toEqual([1, 2, 3, 4, 5])
    expect(ids(await ask(clock, '/api/v3/allOrderList', { fromId: 700, limit: 2 }), 'orderListId')).toEqual([700, 701])
    expect(ids(await ask(clock, '/api/v3/allOrderList', { fromId: 1 }), 'orderListId')).toEqual(range(1, 500))
    expect(ids(await ask(clock, '/api/v3/allOrderList', {}), 'orderListId')).toEqual(range(601, 1_100))
    expect(ids(await ask(clock, '/api/v3/allOrderList', { endTime: T0 + 30 * MIN, limit: 2 }), 'orderListId')).toEqual([29, 30])
    expect(await ask(clock, '/api/v3/allOrderList', { fromId: 1, startTime: T0 })).toBe('-1128 Combination of optional parameters invalid.')
  })

  it('pages myTrades by fromId from the first trade on, and up to endTime the latest, over every trade', { timeout: 30_000 }, async () => {
    const { server, clock } = await start()
    for (let index = 1; index <= HISTORY; index += 1) {
      clock.now = T0 + index * MIN
      await server.sim.placeOrder(market(index % 2 === 1 ? 'BUY' : 'SELL', '0.05', `m${index}`))
    }
    const trades = await ask(clock, '/api/v3/myTrades', { symbol: 'BTCUSDT', fromId: 1, limit: 5 })
    expect(ids(trades, 'id')).toEqual([1, 2, 3, 4, 5])
    expect(ids(trades, 'orderId')).toEqual([1, 2, 3, 4, 5])
    expect(ids(await ask(clock, '/api/v3/myTrades', { symbol: 'BTCUSDT', fromId: 900, limit: 2 }), 'id')).toEqual([900, 901])
    expect(ids(await ask(clock, '/api/v3/myTrades', { symbol: 'BTCUSDT', endTime: T0 + 50 * MIN, limit: 3 }), 'id')).toEqual([48, 49, 50])
    expect(ids(await ask(clock, '/api/v3/myTrades', { symbol: 'BTCUSDT' }), 'id')).toEqual(range(601, 1_100))
    expect(await ask(clock, '/api/v3/myTrades', { symbol: 'BTCUSDT', fromId: 1, endTime: T0 })).toBe('-1128 Combination of optional parameters invalid.')
  })
})
