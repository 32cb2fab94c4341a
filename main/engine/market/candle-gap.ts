import type { Candle } from '../exchange/port/market-event'

/** Candle times missing between two candles of a series: the exchange, or our feed, has no candle for them. */
export interface CandleGap {
  /** Open time of the last candle before the gap. */
  readonly afterOpenTimeMs: number
  /** Open time of the first candle after the gap. */
  readonly beforeOpenTimeMs: number
  /** Candle intervals with no candle. */
  readonly missingCandles: number
}

/** Returns every gap between consecutive candles of a time-ordered series, oldest first. */
export function findCandleGaps(candles: readonly Candle[], intervalMs: number): CandleGap[] {
  const gaps: CandleGap[] = []
  for (let index = 1; index < candles.length; index++) {
    const before = candles[index - 1]
    const after = candles[index]
    if (before === undefined || after === undefined) continue
    const missingCandles = (after.openTimeMs - before.openTimeMs) / intervalMs - 1
    if (missingCandles > 0) gaps.push({ afterOpenTimeMs: before.openTimeMs, beforeOpenTimeMs: after.openTimeMs, missingCandles })
  }
  return gaps
}
