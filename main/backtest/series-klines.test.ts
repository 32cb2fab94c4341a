import { describe, expect, it } from 'vitest'
import { buildTestSeries, SERIES_START_MS as T0 } from './stubs'
import { closedCandlesBefore } from './series-klines'

const MIN = 60_000

describe('closedCandlesBefore', () => {
  // Ten 1m candles from 00:00; the 00:07 one is missing (a gap)
  const series = buildTestSeries(
    [0, 1, 2, 3, 4, 5, 6, 8, 9, 10].map((minute) => ({ minute, open: `${100 + minute}`, high: `${110 + minute}`, low: `${90 + minute}`, close: `${101 + minute}` })),
    '1m'
  )

  it('returns the finer candles as they are, only those closed before the time', () => {
    const candles = closedCandlesBefore(series, 'BTCUSDT', '1m', 3, T0 + 6 * MIN + 30_000)
    expect(candles.map((candle) => [(candle.openTimeMs - T0) / MIN, candle.close.toFixed()])).toEqual([[3, '104'], [4, '105'], [5, '106']])
  })

  it('builds 5m candles on UTC buckets, from the candles present in each', () => {
    const candles = closedCandlesBefore(series, 'BTCUSDT', '5m', 10, T0 + 11 * MIN)
    expect(candles.map((candle) => ({ at: (candle.openTimeMs - T0) / MIN, open: candle.open.toFixed(), high: candle.high.toFixed(), low: candle.low.toFixed(), close: candle.close.toFixed() }))).toEqual([
      { at: 0, open: '100', high: '114', low: '90', close: '105' },
      { at: 5, open: '105', high: '119', low: '95', close: '110' }
    ])
    expect(candles[1]?.closeTimeMs).toBe(T0 + 10 * MIN - 1)
  })

  it('refuses an interval the series cannot build', () => {
    expect(() => closedCandlesBefore(buildTestSeries([{ minute: 0, open: '1', high: '1', low: '1', close: '1' }], '5m'), 'X', '3m', 1, 0)).toThrow('3m candles cannot be built from 5m candles')
  })
})
