import { describe, expect, it } from 'vitest'
import { findGaps } from './find-gaps'
import { parseKlines } from './parse-klines'
import { binanceCsvLine, JAN_2024_MS, minuteKlines } from './stubs'

const MINUTE = 60_000

/** Returns a one-minute series with candles at the given minutes after 2024-01-01. */
function seriesAt(minutes: readonly number[]) {
  const klines = minuteKlines(minutes.length).map((kline, index) => ({ ...kline, openTimeMs: JAN_2024_MS + (minutes[index] as number) * MINUTE }))
  return parseKlines(klines.map((kline) => binanceCsvLine(kline)).join('\n'), 'k.csv', { interval: '1m' })
}

describe('findGaps', () => {
  it('reports each run of missing candles between two present ones, and the total', () => {
    expect(findGaps(seriesAt([0, 1, 2, 4, 5, 9, 10]))).toEqual({
      gaps: [
        { fromMs: JAN_2024_MS + 3 * MINUTE, toMs: JAN_2024_MS + 3 * MINUTE, missing: 1 },
        { fromMs: JAN_2024_MS + 6 * MINUTE, toMs: JAN_2024_MS + 8 * MINUTE, missing: 3 }
      ],
      totalMissing: 4
    })
  })

  it('finds none in a complete series or a single candle, and never adds candles', () => {
    expect(findGaps(seriesAt([0, 1, 2]))).toEqual({ gaps: [], totalMissing: 0 })
    expect(findGaps(seriesAt([7]))).toEqual({ gaps: [], totalMissing: 0 })
    expect(seriesAt([0, 5]).length).toBe(2)
  })
})
