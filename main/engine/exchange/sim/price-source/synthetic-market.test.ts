import { afterEach, describe, expect, it, vi } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { isMultipleOf } from '@shared/money/step'
import { symbolRules, BTCUSDT_FILTERS } from '../../rules/stubs'
import { SyntheticMarket, type SyntheticMarketOptions } from './synthetic-market'

const T0 = Date.UTC(2026, 0, 1)
const rules = symbolRules(BTCUSDT_FILTERS)
const options = (seed: number, extra: Partial<SyntheticMarketOptions> = {}): SyntheticMarketOptions => ({
  rules,
  startPrice: new Decimal('100'),
  startMs: T0,
  intervalMs: 1000,
  seed,
  ...extra
})
const text = (market: SyntheticMarket, count: number) => [...market.ticks(count)].map((tick) => `${tick.timeMs} ${tick.price.toFixed()} ${tick.quantity.toFixed()}`)

afterEach(() => {
  vi.restoreAllMocks()
})

describe('SyntheticMarket', () => {
  it('gives the same ticks for the same seed and other ticks for another seed', () => {
    const first = text(new SyntheticMarket(options(5)), 500)
    expect(text(new SyntheticMarket(options(5)), 500)).toEqual(first)
    expect(text(new SyntheticMarket(options(6)), 500)).not.toEqual(first)
  })

  it('never calls Math.random', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called')
    })
    expect(() => text(new SyntheticMarket(options(1)), 100)).not.toThrow()
  })

  it('prints at the interval, prices on the tick, quantities on the step and above the minimum', () => {
    const ticks = [...new SyntheticMarket(options(2)).ticks(2000)]
    expect(ticks[0]?.timeMs).toBe(T0 + 1000)
    expect(ticks[1999]?.timeMs).toBe(T0 + 2_000_000)
    for (const tick of ticks) {
      expect(tick.symbol).toBe('TESTUSDT')
      expect(isMultipleOf(tick.price, new Decimal('0.01'))).toBe(true)
      expect(isMultipleOf(tick.quantity, new Decimal('0.00001'))).toBe(true)
      expect(tick.quantity.gte('0.00001')).toBe(true)
      expect(tick.price.gte('1')).toBe(true)
    }
  })

  it('moves: the price changes and stays within a plausible band over 20000 ticks', () => {
    const prices = [...new SyntheticMarket(options(3)).ticks(20_000)].map((tick) => tick.price)
    expect(new Set(prices.slice(0, 100).map((price) => price.toFixed())).size).toBeGreaterThan(20)
    const low = Decimal.min(...prices)
    const high = Decimal.max(...prices)
    expect(low.gte(1)).toBe(true)
    expect(high.lte(10_000)).toBe(true)
  })

  it('has trends in both directions and volatility bursts with larger moves', () => {
    const market = new SyntheticMarket(options(4))
    const seen = new Set<string>()
    const calm: number[] = []
    const burst: number[] = []
    let previous = new Decimal(100)
    for (let index = 0; index < 20_000; index += 1) {
      const tick = market.next()
      const regime = market.regime()
      seen.add(regime.trend)
      // Floats only to measure the size of moves in the test
      const move = Math.abs(tick.price.div(previous).sub(1).toNumber())
      ;(regime.burst ? burst : calm).push(move)
      previous = tick.price
    }
    expect(seen).toEqual(new Set(['up', 'down', 'none']))
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length
    expect(burst.length).toBeGreaterThan(100)
    expect(mean(burst)).toBeGreaterThan(3 * mean(calm))
  })

  it('drifts with a trend: an always-up market ends higher', () => {
    const up = new SyntheticMarket(options(8, { trendChance: 1, trendDrift: 0.001, volatility: 0.0001, burstChance: 0 }))
    const ticks = [...up.ticks(150)]
    const direction = up.regime().trend
    const last = ticks[ticks.length - 1]?.price as Decimal
    expect(direction === 'up' ? last.gt(100) : last.lt(100)).toBe(true)
  })

  it('keeps the price inside PRICE_FILTER and above a hundredth of the start', () => {
    const crash = new SyntheticMarket(options(9, { trendChance: 1, trendDrift: 0.05, volatility: 0, burstChance: 0 }))
    const prices = [...crash.ticks(400)].map((tick) => tick.price)
    expect(prices.every((price) => price.gte(1) && price.lte(1_000_000))).toBe(true)
  })
})
