import type { CandleView } from '@shared/api'
import type { CandleSeries } from './candle-series'
import { KLINE_INTERVALS } from './kline-intervals'
import { priceText } from './price-text'

/** Binance's weekly candles open on Monday 00:00 UTC; 1970-01-05 was the first Monday after the epoch. */
const WEEK_OFFSET_MS = 4 * 86_400_000

/**
 * The intervals candles are aggregated into, shortest first: each bucket starts where Binance's
 * own candle of that interval opens (a multiple of the interval since the epoch; Mondays for a
 * week). Three days is left out: Binance's 3d candles do not start at epoch multiples.
 */
const BAR_INTERVALS = ['1s', '1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '1w'] as const

/** A series as chart bars: the interval of the bars and the bars, oldest first. */
export interface DownsampledSeries {
  readonly interval: string
  readonly candles: CandleView[]
}

/**
 * Returns a series as at most `maxBars` candles of the shortest Binance interval that fits (the
 * series' own when it already fits), built as Binance builds a longer interval from shorter
 * candles: the open of the first candle in the bucket, the highest high, the lowest low, the
 * close of the last, the volumes added. Prices are exact decimal text; a bucket with no candle
 * (a gap) has no bar. Volume is a statistic and is summed as a number.
 */
export function downsampleSeries(series: CandleSeries, maxBars: number): DownsampledSeries {
  const { length } = series
  if (length === 0) return { interval: series.interval, candles: [] }
  const spanMs = (series.openTimeMs[length - 1] as number) - (series.openTimeMs[0] as number)
  const interval = barInterval(series.intervalMs, spanMs, maxBars) ?? { name: series.interval, ms: series.intervalMs }
  const own = interval.ms === series.intervalMs
  const offsetMs = interval.name === '1w' ? WEEK_OFFSET_MS : 0
  const candles: CandleView[] = []
  let bucket = Number.NaN
  let open = 0
  let high = 0
  let low = 0
  let close = 0
  let volume = 0
  const flush = () => {
    if (!Number.isNaN(bucket)) candles.push({ openTimeMs: bucket, open: priceText(series, open), high: priceText(series, high), low: priceText(series, low), close: priceText(series, close), volume: volumeText(volume) })
  }
  for (let index = 0; index < length; index++) {
    const timeMs = series.openTimeMs[index] as number
    // The candles' own interval keeps their own open times, aligned or not
    const start = own ? timeMs : Math.floor((timeMs - offsetMs) / interval.ms) * interval.ms + offsetMs
    if (start !== bucket) {
      flush()
      bucket = start
      open = series.open[index] as number
      high = series.high[index] as number
      low = series.low[index] as number
      volume = 0
    } else {
      high = Math.max(high, series.high[index] as number)
      low = Math.min(low, series.low[index] as number)
    }
    close = series.close[index] as number
    volume += series.volume[index] as number
  }
  flush()
  return { interval: interval.name, candles }
}

/**
 * Returns the shortest bar interval that is a whole number of candles and needs at most `maxBars`
 * buckets over the span (counted as if none were missing); undefined when the candles' own
 * interval fits or nothing longer is a whole number of them; the longest when none fits.
 */
function barInterval(intervalMs: number, spanMs: number, maxBars: number): { name: string; ms: number } | undefined {
  let longest: { name: string; ms: number } | undefined
  for (const name of BAR_INTERVALS) {
    const ms = KLINE_INTERVALS[name] as number
    if (ms < intervalMs || ms % intervalMs !== 0) continue
    longest = { name, ms }
    // One bucket more than the span holds whole: the first and last may be partial
    if (Math.floor(spanMs / ms) + 2 <= maxBars) return ms === intervalMs ? undefined : longest
  }
  return longest?.ms === intervalMs ? undefined : longest
}

/** Returns a summed volume as text, to eight decimals without trailing zeros. */
function volumeText(volume: number): string {
  return String(Number(volume.toFixed(8)))
}
