import type { CandleSeries } from '../klines/candle-series'
import { intervalMsOf } from '../klines/kline-intervals'

/** One test candle: its index in intervals from the start, and its prices as exact text. */
export interface TestCandle {
  readonly minute: number
  readonly open: string
  readonly high: string
  readonly low: string
  readonly close: string
  readonly volume?: number
}

/** The start of the test series: 2024-01-01 00:00 UTC. */
export const SERIES_START_MS = Date.UTC(2024, 0, 1)

/** Builds a candle series from text prices for tests (the scale is the most decimals any price has). */
export function buildTestSeries(candles: readonly TestCandle[], interval = '1m', symbol: string | null = 'BTCUSDT', startMs = SERIES_START_MS): CandleSeries {
  const intervalMs = intervalMsOf(interval)
  if (intervalMs === undefined) throw new RangeError(`unknown interval ${interval}`)
  const decimals = (text: string) => (text.includes('.') ? (text.split('.')[1] as string).length : 0)
  const scale = Math.max(0, ...candles.flatMap((candle) => [candle.open, candle.high, candle.low, candle.close].map(decimals)))
  const scaled = (text: string) => {
    const [whole, fraction = ''] = text.split('.')
    return Number(`${whole}${fraction.padEnd(scale, '0')}`)
  }
  const column = (pick: (candle: TestCandle) => number) => Float64Array.from(candles, pick)
  return {
    symbol,
    interval,
    intervalMs,
    scale,
    length: candles.length,
    openTimeMs: column((candle) => startMs + candle.minute * intervalMs),
    open: column((candle) => scaled(candle.open)),
    high: column((candle) => scaled(candle.high)),
    low: column((candle) => scaled(candle.low)),
    close: column((candle) => scaled(candle.close)),
    volume: column((candle) => candle.volume ?? 1)
  }
}
