import { describe, expect, it } from 'vitest'
import { isCandleSeriesError } from './candle-series-error'
import { classifyMarket } from './classify-market'
import { candle, marketSettings, openTimeOf, pathCandles, steadyCandles, wideCandles, withoutCandles } from './stubs'

const SETTINGS = marketSettings()

function flat(count: number, price = '100', firstIndex = 0) {
  return pathCandles(Array.from({ length: count + 1 }, () => price), { wickPct: '0.1', firstIndex })
}

function expectSeriesError(run: () => unknown, text: string) {
  let thrown: unknown
  try {
    run()
  } catch (error) {
    thrown = error
  }
  expect(isCandleSeriesError(thrown)).toBe(true)
  expect((thrown as Error).message).toContain(text)
}

describe('classifyMarket, one state per kind of series', () => {
  it('reads a flat series as ranging, with both measures in the reason', () => {
    const reading = classifyMarket(flat(48), SETTINGS)
    expect(reading.state).toBe('ranging')
    expect(reading.measures?.netMovePct.toFixed()).toBe('0')
    expect(reading.measures?.averageRangePct.toFixed()).toBe('0.2')
    expect(reading.reason).toBe('ranging: 0 % over 48 candles, under the 3 % trend threshold; candles swing 0.2 % on average, under the 1.5 % volatility threshold')
  })

  it('reads a steady fall beyond the threshold as trending down', () => {
    const reading = classifyMarket(steadyCandles('100', '95.8', 48), SETTINGS)
    expect(reading.state).toBe('trending-down')
    expect(reading.measures?.openPrice.toFixed()).toBe('100')
    expect(reading.measures?.closePrice.toFixed()).toBe('95.8')
    expect(reading.measures?.netMovePct.toFixed()).toBe('-4.2')
    expect(reading.reason).toBe('trending down: −4.2 % over 48 candles, beyond the 3 % trend threshold')
  })

  it('reads a steady rise beyond the threshold as trending up', () => {
    const reading = classifyMarket(steadyCandles('100', '103.5', 48), SETTINGS)
    expect(reading.state).toBe('trending-up')
    expect(reading.reason).toBe('trending up: +3.5 % over 48 candles, beyond the 3 % trend threshold')
  })

  it('reads wide candles that go nowhere as volatile', () => {
    const reading = classifyMarket(wideCandles(48, '100', '2'), SETTINGS)
    expect(reading.state).toBe('volatile')
    expect(reading.measures?.averageRangePct.toFixed()).toBe('2')
    expect(reading.reason).toBe(
      'volatile: candles swing 2 % on average, beyond the 1.5 % volatility threshold, with a net move of 0 % over 48 candles, under the 3 % trend threshold'
    )
  })

  it('reads a crash with wide candles as trending down, not volatile, so the downtrend protection holds', () => {
    const reading = classifyMarket(steadyCandles('100', '90', 48, { wickPct: '2' }), SETTINGS)
    expect(reading.measures?.averageRangePct.gt('1.5')).toBe(true)
    expect(reading.state).toBe('trending-down')
  })

  it('looks only at the last windowCandles candles', () => {
    const fellThenFlat = [...steadyCandles('100', '80', 48), ...flat(48, '80', 48)]
    const reading = classifyMarket(fellThenFlat, SETTINGS)
    expect(reading.state).toBe('ranging')
    expect(reading.candleCount).toBe(48)
    expect(reading.lastOpenTimeMs).toBe(openTimeOf(95))
    expect(reading.lastCloseTimeMs).toBe(openTimeOf(96) - 1)
  })

  it('reads the window its settings name (interval, window, thresholds)', () => {
    const settings = marketSettings({ windowCandles: 10, trendThresholdPct: '1' })
    expect(classifyMarket(steadyCandles('100', '98.5', 10), settings).state).toBe('trending-down')
    expect(classifyMarket(steadyCandles('100', '98.5', 10), marketSettings({ windowCandles: 10 })).state).toBe('ranging')
  })
})

describe('classifyMarket at the exact thresholds', () => {
  it('counts a net move exactly at the trend threshold as a trend, either way', () => {
    const down = classifyMarket(steadyCandles('100', '97', 48), SETTINGS)
    expect(down.state).toBe('trending-down')
    expect(down.reason).toBe('trending down: −3 % over 48 candles, at the 3 % trend threshold')
    expect(classifyMarket(steadyCandles('100', '103', 48), SETTINGS).state).toBe('trending-up')
  })

  it('reads a move just under the trend threshold as ranging', () => {
    expect(classifyMarket(steadyCandles('100', '97.01', 48), SETTINGS).state).toBe('ranging')
    expect(classifyMarket(steadyCandles('100', '102.99', 48), SETTINGS).state).toBe('ranging')
  })

  it('shows enough decimals that a value just under a threshold never reads as equal to it', () => {
    const reading = classifyMarket(steadyCandles('100', '97.001', 48), SETTINGS)
    expect(reading.state).toBe('ranging')
    expect(reading.reason).toContain('−2.999 % over 48 candles, under the 3 % trend threshold')
  })

  it('counts an average range exactly at the volatility threshold as volatile', () => {
    const reading = classifyMarket(wideCandles(48, '100', '1.5'), SETTINGS)
    expect(reading.state).toBe('volatile')
    expect(reading.reason).toContain('candles swing 1.5 % on average, at the 1.5 % volatility threshold')
    expect(classifyMarket(wideCandles(48, '100', '1.49'), SETTINGS).state).toBe('ranging')
  })

  it('never calls a zero move a trend, even with a zero threshold', () => {
    expect(classifyMarket(flat(48), marketSettings({ trendThresholdPct: '0' })).state).toBe('ranging')
    expect(classifyMarket(steadyCandles('100', '100.01', 48), marketSettings({ trendThresholdPct: '0' })).state).toBe('trending-up')
  })
})

describe('classifyMarket with too few candles', () => {
  it('says unknown, never guesses, with fewer closed candles than the window', () => {
    const reading = classifyMarket(steadyCandles('100', '90', 47), SETTINGS)
    expect(reading.state).toBe('unknown')
    expect(reading.measures).toBeNull()
    expect(reading.candleCount).toBe(47)
    expect(reading.reason).toBe('unknown: 47 of 48 closed candles, too few to read the market')
  })

  it('says unknown with no candle at all', () => {
    const reading = classifyMarket([], SETTINGS)
    expect(reading).toMatchObject({ state: 'unknown', candleCount: 0, lastOpenTimeMs: null, lastCloseTimeMs: null, gaps: [] })
    expect(reading.reason).toBe('unknown: 0 of 48 closed candles, too few to read the market')
  })

  it('does not count a forming candle', () => {
    const forming = candle(47, { open: '100', high: '100', low: '90', close: '90' }, { closed: false })
    expect(classifyMarket([...flat(47), forming], SETTINGS).state).toBe('unknown')
    const reading = classifyMarket([...flat(48), candle(48, { open: '100', high: '100', low: '90', close: '90' }, { closed: false })], SETTINGS)
    expect(reading.state).toBe('ranging')
    expect(reading.lastOpenTimeMs).toBe(openTimeOf(47))
  })
})

describe('classifyMarket with missing candle times', () => {
  it('reports a gap inside the window and says so in the reason, without filling it in', () => {
    const reading = classifyMarket(withoutCandles(flat(50), 10, 11), SETTINGS)
    expect(reading.state).toBe('ranging')
    expect(reading.candleCount).toBe(48)
    expect(reading.gaps).toEqual([{ afterOpenTimeMs: openTimeOf(9), beforeOpenTimeMs: openTimeOf(12), missingCandles: 2 }])
    expect(reading.missingCandles).toBe(2)
    expect(reading.reason).toMatch(/; 2 candles missing after 2026-01-01T00:45:00Z$/)
  })

  it('sums several gaps and names the latest', () => {
    const reading = classifyMarket(withoutCandles(flat(51), 10, 20, 21), SETTINGS)
    expect(reading.gaps.map((gap) => gap.missingCandles)).toEqual([1, 2])
    expect(reading.reason).toMatch(/; 3 candles missing in 2 gaps, the latest after 2026-01-01T01:35:00Z$/)
  })

  it('reports gaps in an unknown reading too', () => {
    const reading = classifyMarket(withoutCandles(flat(30), 5), SETTINGS)
    expect(reading.state).toBe('unknown')
    expect(reading.reason).toBe('unknown: 29 of 48 closed candles, too few to read the market; 1 candle missing after 2026-01-01T00:20:00Z')
  })

  it('ignores a gap older than the window', () => {
    const reading = classifyMarket(withoutCandles(flat(60), 3), SETTINGS)
    expect(reading.gaps).toEqual([])
    expect(reading.reason).not.toContain('missing')
  })
})

describe('classifyMarket refuses a broken series', () => {
  it('refuses candles out of order or repeated', () => {
    const series = flat(48)
    expectSeriesError(() => classifyMarket([...series].reverse(), SETTINGS), 'not after the previous candle')
    expectSeriesError(() => classifyMarket([...series, ...series.slice(-1)], SETTINGS), 'not after the previous candle')
  })

  it('refuses mixed symbols and candles of another interval', () => {
    expectSeriesError(() => classifyMarket([candle(0, { open: '1', high: '1', low: '1', close: '1' }), candle(1, { open: '1', high: '1', low: '1', close: '1' }, { symbol: 'ETHUSDT' })], SETTINGS), 'symbol ETHUSDT')
    const oneMinute = [0, 1].map((index) => candle(index, { open: '1', high: '1', low: '1', close: '1' }, { intervalMs: 60_000 }))
    expectSeriesError(() => classifyMarket(oneMinute, SETTINGS), 'not a whole number of 300000 ms intervals')
  })

  it('refuses a forming candle followed by another', () => {
    const forming = candle(0, { open: '1', high: '1', low: '1', close: '1' }, { closed: false })
    expectSeriesError(() => classifyMarket([forming, candle(1, { open: '1', high: '1', low: '1', close: '1' })], SETTINGS), 'a forming candle is followed')
  })

  it('refuses impossible prices', () => {
    expectSeriesError(() => classifyMarket([candle(0, { open: '1', high: '1', low: '0', close: '1' })], SETTINGS), 'low 0 is not above zero')
    expectSeriesError(() => classifyMarket([candle(0, { open: '1', high: '1', low: '2', close: '1' })], SETTINGS), 'high 1 is below low 2')
    expectSeriesError(() => classifyMarket([candle(0, { open: '1', high: '2', low: '1', close: '3' })], SETTINGS), 'close 3 is outside')
  })
})
