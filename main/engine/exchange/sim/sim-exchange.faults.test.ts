import { describe, expect, it } from 'vitest'
import { ExchangeRejectedError } from '../errors/exchange-rejected-error'
import { OutcomeUnknownError } from '../errors/outcome-unknown-error'
import { venueOrderId } from '../port/identifiers'
import type { SimExchange } from './sim-exchange'
import type { FaultableMethod } from './sim-faults'
import { cid, d, describeEvents, flush, limit, sellOco, simSetup } from './stubs'

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'ok'
  } catch (error) {
    const typed = error as { name: string; venueCode?: number }
    return `${typed.name} ${typed.venueCode}`
  }
}

const calls: Record<FaultableMethod, (sim: SimExchange) => Promise<unknown>> = {
  exchangeInfo: (sim) => sim.exchangeInfo(),
  serverTimeMs: (sim) => sim.serverTimeMs(),
  account: (sim) => sim.account(),
  lastPrice: (sim) => sim.lastPrice('BTCUSDT'),
  avgPrice: (sim) => sim.avgPrice('BTCUSDT'),
  bookTicker: (sim) => sim.bookTicker('BTCUSDT'),
  placeOrder: (sim) => sim.placeOrder(limit('BUY', '99', '0.1', 'p')),
  cancelOrder: (sim) => sim.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: cid('open') }),
  cancelAllOrders: (sim) => sim.cancelAllOrders('BTCUSDT'),
  queryOrder: (sim) => sim.queryOrder({ symbol: 'BTCUSDT', clientOrderId: cid('open') }),
  openOrders: (sim) => sim.openOrders('BTCUSDT'),
  allOrders: (sim) => sim.allOrders({ symbol: 'BTCUSDT' }),
  myTrades: (sim) => sim.myTrades({ symbol: 'BTCUSDT' }),
  placeOcoList: (sim) => sim.placeOcoList(sellOco('0.1', '111', '96', '95', 'oco2')),
  cancelOrderList: (sim) => sim.cancelOrderList('BTCUSDT', 'oco1'),
  openOrderLists: (sim) => sim.openOrderLists(),
  klines: (sim) => sim.klines('BTCUSDT', '1m', 5)
}

describe('one-shot failures', () => {
  it.each(Object.keys(calls) as FaultableMethod[])('fails the next %s with the given error, once, before doing anything', async (method) => {
    const { sim } = simSetup()
    await sim.placeOrder(limit('BUY', '98', '0.1', 'open'))
    await sim.placeOcoList(sellOco('0.1', '110', '95', '94'))
    const before = (await sim.allOrders({ symbol: 'BTCUSDT' })).map((order) => order.status)
    sim.faults.failNext(method, new ExchangeRejectedError(-1000, 'injected'))
    expect(await outcome(calls[method](sim))).toBe('ExchangeRejectedError -1000')
    expect((await sim.allOrders({ symbol: 'BTCUSDT' })).map((order) => order.status)).toEqual(before)
    expect(await outcome(calls[method](sim))).toBe('ok')
    expect(sim.faults.stats().failNext).toBe(1)
  })
})

describe('placement faults', () => {
  it('rejects with the given code and places nothing', async () => {
    const { sim } = simSetup()
    sim.faults.rejectNextPlacement(-2010, 'This action is disabled on this account.')
    const error = await sim.placeOrder(limit('BUY', '99', '0.1', 'a')).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ExchangeRejectedError)
    expect((error as ExchangeRejectedError).venueMessage).toBe('This action is disabled on this account.')
    expect(await sim.openOrders('BTCUSDT')).toEqual([])
  })

  it('times out after accepting: the call fails as outcome-unknown, the order is on the book and reported', async () => {
    const { sim, events } = simSetup()
    sim.faults.timeoutNextPlacement('after-accept')
    const error = await sim.placeOrder(limit('BUY', '99', '0.1', 'a')).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(OutcomeUnknownError)
    expect((error as OutcomeUnknownError).venueCode).toBe(-1007)
    expect((await sim.queryOrder({ symbol: 'BTCUSDT', clientOrderId: cid('a') })).status).toBe('NEW')
    expect((await sim.openOrders('BTCUSDT')).map((order) => order.clientOrderId)).toEqual(['a'])
    await flush()
    expect(describeEvents(events)).toEqual(['NEW a NEW', 'balances USDT'])
    expect(sim.faults.stats().placeTimeoutAfterAccept).toBe(1)
  })

  it('times out before accepting: the call fails as outcome-unknown and nothing is placed', async () => {
    const { sim, events } = simSetup()
    sim.faults.timeoutNextPlacement('before-accept')
    expect(await outcome(sim.placeOrder(limit('BUY', '99', '0.1', 'a')))).toBe('OutcomeUnknownError -1007')
    expect(await outcome(sim.queryOrder({ symbol: 'BTCUSDT', clientOrderId: cid('a') }))).toBe('OrderNotFoundError -2013')
    expect(await sim.openOrders('BTCUSDT')).toEqual([])
    await flush()
    expect(events).toEqual([])
    expect(sim.faults.stats().placeTimeoutBeforeAccept).toBe(1)
  })

  it('answers 429 as a retryable -1015 with Retry-After', async () => {
    const { sim } = simSetup()
    sim.faults.rateLimitNextPlacement(7000)
    const error = await sim.placeOrder(limit('BUY', '99', '0.1', 'a')).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ name: 'ExchangeRetryableError', reason: 'rate-limit', venueCode: -1015, retryAfterMs: 7000 })
    expect(await sim.openOrders('BTCUSDT')).toEqual([])
  })

  it('draws random placement faults from the seed and counts each kind', async () => {
    const { sim } = simSetup({ faults: { placeRejectRate: 0.2, timeoutAfterAcceptRate: 0.2, timeoutBeforeAcceptRate: 0.2, rateLimitRate: 0.2 } })
    const outcomes: string[] = []
    for (let index = 0; index < 100; index += 1) outcomes.push(await outcome(sim.placeOrder(limit('BUY', '50', '0.1', `o${index}`))))
    const stats = sim.faults.stats()
    expect(outcomes.filter((entry) => entry === 'ok').length).toBe(100 - stats.placeRejected - stats.placeTimeoutAfterAccept - stats.placeTimeoutBeforeAccept - stats.placeRateLimited)
    expect(outcomes.filter((entry) => entry === 'OutcomeUnknownError -1007').length).toBe(stats.placeTimeoutAfterAccept + stats.placeTimeoutBeforeAccept)
    expect(Math.min(stats.placeRejected, stats.placeTimeoutAfterAccept, stats.placeTimeoutBeforeAccept, stats.placeRateLimited)).toBeGreaterThan(5)
    // Orders timed out after acceptance are on the book, the others are not
    expect((await sim.openOrders('BTCUSDT')).length).toBe(outcomes.filter((entry) => entry === 'ok').length + stats.placeTimeoutAfterAccept)
  })
})

describe('cancel faults', () => {
  it('times out before applying: the order is still open', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(limit('BUY', '99', '0.1', 'a'))
    sim.faults.timeoutNextCancel('before-apply')
    expect(await outcome(sim.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: cid('a') }))).toBe('OutcomeUnknownError -1007')
    expect((await sim.queryOrder({ symbol: 'BTCUSDT', clientOrderId: cid('a') })).status).toBe('NEW')
  })

  it('times out after applying: the order is cancelled', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(limit('BUY', '99', '0.1', 'a'))
    sim.faults.timeoutNextCancel('after-apply')
    expect(await outcome(sim.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: cid('a') }))).toBe('OutcomeUnknownError -1007')
    expect((await sim.queryOrder({ symbol: 'BTCUSDT', clientOrderId: cid('a') })).status).toBe('CANCELED')
  })

  it('times out cancels at the configured rate', async () => {
    const { sim } = simSetup({ faults: { cancelTimeoutRate: 1 } })
    await sim.placeOrder(limit('BUY', '99', '0.1', 'a'))
    expect(await outcome(sim.cancelOrder({ symbol: 'BTCUSDT', orderId: venueOrderId('1') }))).toBe('OutcomeUnknownError -1007')
    const stats = sim.faults.stats()
    expect(stats.cancelTimeoutAfterApply + stats.cancelTimeoutBeforeApply).toBe(1)
  })
})

describe('user stream faults', () => {
  it('drops events at the drop rate', async () => {
    const { sim, events } = simSetup({ faults: { streamDropRate: 1 } })
    await sim.placeOrder(limit('BUY', '99', '0.1', 'a'))
    await flush()
    expect(events).toEqual([])
    expect(sim.faults.stats().streamDropped).toBe(2)
  })

  it('duplicates events at the duplicate rate, each right after itself', async () => {
    const { sim, events } = simSetup({ faults: { streamDuplicateRate: 1 } })
    await sim.placeOrder(limit('BUY', '99', '0.1', 'a'))
    await flush()
    expect(describeEvents(events)).toEqual(['NEW a NEW', 'NEW a NEW', 'balances USDT', 'balances USDT'])
    expect(sim.faults.stats().streamDuplicated).toBe(2)
  })

  it('delays by clock time, holding later events back so the order is kept', async () => {
    const { sim, events, clock } = simSetup()
    sim.faults.configure({ streamDelayRate: 1, streamDelayMs: 5000 })
    await sim.placeOrder(limit('BUY', '99', '0.1', 'a'))
    sim.faults.configure({ streamDelayRate: 0 })
    await sim.placeOrder(limit('BUY', '98', '0.1', 'b'))
    await flush()
    expect(events).toEqual([])
    await clock.advance(4999)
    expect(events).toEqual([])
    await clock.advance(1)
    expect(describeEvents(events)).toEqual(['NEW a NEW', 'balances USDT', 'NEW b NEW', 'balances USDT'])
    expect(sim.faults.stats().streamDelayed).toBe(2)
  })

  it('falls silent without notice and loses what happens until restored', async () => {
    const { sim, events } = simSetup()
    sim.silenceStream()
    await sim.placeOrder(limit('BUY', '99', '0.1', 'a'))
    sim.restoreStream()
    await sim.placeOrder(limit('BUY', '98', '0.1', 'b'))
    await flush()
    expect(describeEvents(events)).toEqual(['NEW b NEW', 'balances USDT'])
    expect(sim.faults.stats()).toMatchObject({ streamSilences: 1, streamSilenced: 2 })
  })

  it('announces a disconnect, loses events while down, and announces the reconnect', async () => {
    const { sim, events } = simSetup()
    await sim.placeOrder(limit('BUY', '99', '0.1', 'a'))
    sim.disconnectStream()
    sim.trade('BTCUSDT', d('99'), d('1'))
    sim.reconnectStream()
    await sim.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: cid('a') }).catch(() => undefined)
    await sim.placeOrder(limit('BUY', '97', '0.1', 'c'))
    await flush()
    expect(describeEvents(events)).toEqual(['NEW a NEW', 'balances USDT', 'stream disconnected', 'stream connected', 'NEW c NEW', 'balances USDT'])
    expect(sim.faults.stats()).toMatchObject({ streamDisconnects: 1, streamLostWhileDisconnected: 2 })
  })
})

describe('determinism', () => {
  async function chaosRun(seed: number): Promise<string[]> {
    const { sim, events, clock } = simSetup({
      seed,
      faults: { placeRejectRate: 0.1, timeoutAfterAcceptRate: 0.1, timeoutBeforeAcceptRate: 0.1, rateLimitRate: 0.1, cancelTimeoutRate: 0.3, streamDropRate: 0.1, streamDuplicateRate: 0.1, streamDelayRate: 0.1, streamDelayMs: 300 }
    })
    const log: string[] = []
    for (let index = 0; index < 40; index += 1) {
      log.push(await outcome(sim.placeOrder(limit(index % 2 === 0 ? 'BUY' : 'SELL', index % 2 === 0 ? '99' : '101', '0.05', `o${index}`))))
      sim.trade('BTCUSDT', d(index % 3 === 0 ? '99' : '101'), d('0.07'))
      if (index % 5 === 4) log.push(await outcome(sim.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: cid(`o${index - 2}`) })))
      await clock.advance(100)
    }
    await clock.advance(1000)
    return [...log, ...describeEvents(events), JSON.stringify(sim.faults.stats())]
  }

  it('replays the same run for the same seed and another run for another seed', async () => {
    const first = await chaosRun(17)
    expect(await chaosRun(17)).toEqual(first)
    expect(await chaosRun(18)).not.toEqual(first)
  })
})
