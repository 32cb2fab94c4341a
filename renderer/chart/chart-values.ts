import type { CandlestickData, UTCTimestamp } from 'lightweight-charts'
import type { CandleView } from '@shared/api'

/**
 * Returns the number lightweight-charts draws for an exact decimal price. This is the one place a
 * price becomes a float: for drawing only, never for arithmetic.
 */
export function toChartPrice(text: string): number {
  const value = Number(text)
  // A price that is not a finite number is a broken invariant upstream; drawing it would hide that
  if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`Not a decimal price: '${text}'`)
  return value
}

/** Returns the chart time (whole UTC seconds) of an epoch time in milliseconds. */
export function toChartTime(timeMs: number): UTCTimestamp {
  return Math.floor(timeMs / 1000) as UTCTimestamp
}

/** Returns the candlestick bar that draws a candle. */
export function toChartBar(candle: CandleView): CandlestickData<UTCTimestamp> {
  return {
    time: toChartTime(candle.openTimeMs),
    open: toChartPrice(candle.open),
    high: toChartPrice(candle.high),
    low: toChartPrice(candle.low),
    close: toChartPrice(candle.close)
  }
}
