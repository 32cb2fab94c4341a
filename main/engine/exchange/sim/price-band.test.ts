import { describe, expect, it } from 'vitest'
import { TestClock } from '../../clock/test-clock'
import { parseExchangeInfo } from '../rules'
import noMarket from '../rules/fixtures/exchange-info-no-market.json'
import { SimExchange } from './sim-exchange'
import { cid, d, T0, outcome } from './stubs'
import type { NewOrder } from '../port/new-order'

/** A simulator on the fixture's NOMKTUSDT: no MARKET orders, a tight PERCENT_PRICE_BY_SIDE band (bid 1.1/0.8, ask 1.2/0.9) over 5 minutes. */
function tightSetup(seed = 1, faults = {}) {
  const clock = new TestClock(T0)
  const sim = new SimExchange({
    rules: parseExchangeInfo(noMarket),
    clock,
    balances: { USDT: '10000', NOMKT: '10' },
    makerFee: d('0.001'),
    takerFee: d('0.001'),
    prices: { NOMKTUSDT: '100' },
    seed,
    faults
  })
  return { sim, clock }
}

const order = (side: 'BUY' | 'SELL', type: 'LIMIT' | 'MARKET', price: string | undefined, id: string): NewOrder => ({
  symbol: 'NOMKTUSDT',
  clientOrderId: cid(id),
  side,
  type,
  quantity: d('0.1'),
  ...(price !== undefined ? { price: d(price), timeInForce: 'GTC' as const } : {})
})

describe('a symbol without MARKET', () => {
  it('lists its order types as the fixture has them, without MARKET', () => {
    const rules = parseExchangeInfo(noMarket).symbols.get('NOMKTUSDT')
    expect(rules?.orderTypes).toEqual(['LIMIT', 'LIMIT_MAKER', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'])
    expect(parseExchangeInfo(noMarket).notes).toEqual([])
  })

  it('refuses MARKET orders with -2010 "Market orders are not supported for this symbol." and takes LIMIT ones', async () => {
    const { sim } = tightSetup()
    expect(await outcome(sim.placeOrder(order('SELL', 'MARKET', undefined, 'm')))).toBe('ExchangeRejectedError -2010 Market orders are not supported for this symbol.')
    expect(await outcome(sim.placeOrder({ symbol: 'NOMKTUSDT', clientOrderId: cid('q'), side: 'BUY', type: 'MARKET', quoteOrderQty: d('10') }))).toBe(
      'ExchangeRejectedError -2010 Market orders are not supported for this symbol.'
    )
    expect(await outcome(sim.placeOrder(order('SELL', 'LIMIT', '99', 'l')))).toBe('ok')
  })
})

describe('the average price and band breaches after a gap', () => {
  it('averages the trades of the last avgPriceMins by volume, and is the last price before any trade', async () => {
    const { sim, clock } = tightSetup()
    expect(await sim.avgPrice('NOMKTUSDT')).toEqual({ mins: 5, price: d('100'), closeTimeMs: T0 })
    sim.trade('NOMKTUSDT', d('100'), d('3'))
    await clock.advance(60_000)
    sim.trade('NOMKTUSDT', d('104'), d('1'))
    expect(await sim.avgPrice('NOMKTUSDT')).toEqual({ mins: 5, price: d('101'), closeTimeMs: T0 + 60_000 })
    // Five minutes on, the first trade has left the window
    await clock.advance(4 * 60_000)
    expect((await sim.avgPrice('NOMKTUSDT')).price).toEqual(d('104'))
    await clock.advance(60_000)
    expect((await sim.avgPrice('NOMKTUSDT')).price).toEqual(d('104'))
    expect((await sim.lastPrice('NOMKTUSDT')).toFixed()).toBe('104')
  })

  it('after a gap the average lags the last price, so an order priced off the last price breaks PERCENT_PRICE_BY_SIDE until the average catches up', async () => {
    const { sim, clock } = tightSetup()
    sim.trade('NOMKTUSDT', d('100'), d('5'))
    sim.gap('NOMKTUSDT', d('130'))
    expect((await sim.lastPrice('NOMKTUSDT')).toFixed()).toBe('130')
    expect((await sim.avgPrice('NOMKTUSDT')).price.toFixed()).toBe('100')
    // BUY band: 80…110 around the average
    expect(await outcome(sim.placeOrder(order('BUY', 'LIMIT', '125', 'late')))).toBe('ExchangeRejectedError -1013 Filter failure: PERCENT_PRICE_BY_SIDE')
    expect(await outcome(sim.placeOrder(order('BUY', 'LIMIT', '109', 'inside')))).toBe('ok')
    for (let minute = 1; minute <= 5; minute += 1) {
      await clock.advance(60_000)
      sim.trade('NOMKTUSDT', d('130'), d('1'))
    }
    expect((await sim.avgPrice('NOMKTUSDT')).price.toFixed()).toBe('130')
    expect(await outcome(sim.placeOrder(order('BUY', 'LIMIT', '125', 'caught-up')))).toBe('ok')
    expect(sim.faults.stats().gaps).toBe(1)
  })

  it('gaps at random: a trade prints gapPercent away from its price, on the tick, and is counted', async () => {
    const { sim } = tightSetup(4)
    sim.trade('NOMKTUSDT', d('100'), d('5'))
    sim.faults.configure({ gapRate: 1, gapPercent: 0.1 })
    const printed = new Set<string>()
    for (let index = 0; index < 20; index += 1) {
      sim.trade('NOMKTUSDT', d('100'), d('1'))
      printed.add((await sim.lastPrice('NOMKTUSDT')).toFixed())
    }
    expect(printed).toEqual(new Set(['110', '90']))
    expect(sim.faults.stats().gaps).toBe(20)
    // The gaps printed no volume: the average stays where the traded volume was
    expect((await sim.avgPrice('NOMKTUSDT')).price.toFixed()).toBe('100')
  })
})
