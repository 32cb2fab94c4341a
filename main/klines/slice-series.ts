import type { CandleSeries } from './candle-series'

/** A time range in UTC milliseconds: open times from `fromMs` (included) to `toMs` (excluded); an absent end is open. */
export interface TimeRange {
  readonly fromMs?: number
  readonly toMs?: number
}

/**
 * Returns the candles of a series whose open time lies in the range. The columns are views on the
 * series' own arrays (subarray), so slicing copies nothing.
 */
export function sliceSeries(series: CandleSeries, range: TimeRange): CandleSeries {
  const start = range.fromMs === undefined ? 0 : firstAtOrAfter(series.openTimeMs, range.fromMs)
  const end = range.toMs === undefined ? series.length : Math.max(start, firstAtOrAfter(series.openTimeMs, range.toMs))
  return {
    symbol: series.symbol,
    interval: series.interval,
    intervalMs: series.intervalMs,
    scale: series.scale,
    length: end - start,
    openTimeMs: series.openTimeMs.subarray(start, end),
    open: series.open.subarray(start, end),
    high: series.high.subarray(start, end),
    low: series.low.subarray(start, end),
    close: series.close.subarray(start, end),
    volume: series.volume.subarray(start, end)
  }
}

/** Returns the index of the first open time at or after `timeMs` (binary search on sorted times). */
export function firstAtOrAfter(openTimeMs: Float64Array, timeMs: number): number {
  let low = 0
  let high = openTimeMs.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((openTimeMs[middle] as number) < timeMs) low = middle + 1
    else high = middle
  }
  return low
}
