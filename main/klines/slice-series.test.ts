import { describe, expect, it } from 'vitest'
import { parseKlines } from './parse-klines'
import { sliceSeries } from './slice-series'
import { binanceCsvLine, JAN_2024_MS, minuteKlines } from './stubs'

const MINUTE = 60_000
const series = parseKlines(minuteKlines(10).map((kline) => binanceCsvLine(kline)).join('\n'), 'k.csv', { symbol: 'BTCUSDT' })

describe('sliceSeries', () => {
  it('keeps open times from `fromMs` up to but not including `toMs`', () => {
    const slice = sliceSeries(series, { fromMs: JAN_2024_MS + 2 * MINUTE, toMs: JAN_2024_MS + 5 * MINUTE })
    expect(slice).toMatchObject({ symbol: 'BTCUSDT', interval: '1m', scale: 2, length: 3 })
    expect(Array.from(slice.openTimeMs)).toEqual([2, 3, 4].map((minute) => JAN_2024_MS + minute * MINUTE))
    expect(Array.from(slice.close)).toEqual([6000003, 6000004, 6000005])
  })

  it('takes bounds between candles, open ends and empty ranges', () => {
    expect(sliceSeries(series, { fromMs: JAN_2024_MS + 2 * MINUTE + 1 }).openTimeMs[0]).toBe(JAN_2024_MS + 3 * MINUTE)
    expect(sliceSeries(series, { toMs: JAN_2024_MS + MINUTE }).length).toBe(1)
    expect(sliceSeries(series, {}).length).toBe(10)
    expect(sliceSeries(series, { fromMs: JAN_2024_MS + 20 * MINUTE }).length).toBe(0)
    expect(sliceSeries(series, { fromMs: JAN_2024_MS + 5 * MINUTE, toMs: JAN_2024_MS }).length).toBe(0)
  })

  it('copies nothing: the columns are views on the series', () => {
    const slice = sliceSeries(series, { fromMs: JAN_2024_MS + 2 * MINUTE })
    expect(slice.open.buffer).toBe(series.open.buffer)
  })
})
