import type { CandleSeries } from './candle-series'

/** Candles missing between two consecutive present ones: open times `fromMs` to `toMs`, both included. */
export interface KlineGap {
  /** Open time of the first missing candle. */
  readonly fromMs: number
  /** Open time of the last missing candle. */
  readonly toMs: number
  readonly missing: number
}

/** The gaps of a series, oldest first, and the candles missing in all. */
export interface GapReport {
  readonly gaps: readonly KlineGap[]
  readonly totalMissing: number
}

/** Returns the gaps between the first and the last candle of a series; nothing is filled in. */
export function findGaps(series: CandleSeries): GapReport {
  const { openTimeMs, intervalMs } = series
  const gaps: KlineGap[] = []
  let totalMissing = 0
  for (let at = 1; at < series.length; at++) {
    const previous = openTimeMs[at - 1] as number
    const current = openTimeMs[at] as number
    if (current - previous === intervalMs) continue
    const missing = (current - previous) / intervalMs - 1
    gaps.push({ fromMs: previous + intervalMs, toMs: current - intervalMs, missing })
    totalMissing += missing
  }
  return { gaps, totalMissing }
}
