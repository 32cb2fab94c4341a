import { Decimal } from '@shared/money/decimal'
import { KLINE_INTERVAL_MS, type KlineInterval } from '../engine/exchange/port/kline-interval'
import type { Candle } from '../engine/exchange/port/market-event'
import type { CandleSeries } from '../klines/candle-series'
import { priceDecimal } from '../klines/price-text'
import { firstAtOrAfter } from '../klines/slice-series'

/**
 * Returns the last `limit` candles of `interval` that closed before `beforeMs`, built from a
 * series of a finer interval the way Binance builds them: buckets aligned to UTC epoch
 * multiples, open of the first candle, close of the last, highest high, lowest low, summed
 * volume. A bucket with missing candles is built from those present; an empty bucket is absent
 * (gaps stay gaps). Throws when `interval` is not a whole multiple of the series' interval.
 * `remember` may hand back a candle built before for the same bucket (a closed candle never changes).
 */
export function closedCandlesBefore(
  series: CandleSeries,
  symbol: string,
  interval: string,
  limit: number,
  beforeMs: number,
  remember: (openTimeMs: number, make: () => Candle) => Candle = (_, make) => make()
): Candle[] {
  const intervalMs = KLINE_INTERVAL_MS[interval as KlineInterval]
  if (intervalMs === undefined) throw new RangeError(`unknown kline interval ${interval}`)
  if (intervalMs % series.intervalMs !== 0) throw new RangeError(`${interval} candles cannot be built from ${series.interval} candles`)
  // Candles whose bucket closed before `beforeMs`
  const lastBucketEnd = Math.floor(beforeMs / intervalMs) * intervalMs
  let end = firstAtOrAfter(series.openTimeMs, lastBucketEnd)
  const candles: Candle[] = []
  while (end > 0 && candles.length < limit) {
    const bucket = Math.floor((series.openTimeMs[end - 1] as number) / intervalMs) * intervalMs
    const start = firstAtOrAfter(series.openTimeMs, bucket)
    candles.push(remember(bucket, () => buildCandle(series, symbol, bucket, intervalMs, start, end)))
    end = start
  }
  return candles.reverse()
}

/** Builds the candle of one bucket from the series rows [start, end). */
function buildCandle(series: CandleSeries, symbol: string, bucket: number, intervalMs: number, start: number, end: number): Candle {
  let high = series.high[start] as number
  let low = series.low[start] as number
  let volume = 0
  for (let index = start; index < end; index += 1) {
    if ((series.high[index] as number) > high) high = series.high[index] as number
    if ((series.low[index] as number) < low) low = series.low[index] as number
    volume += series.volume[index] as number
  }
  return {
    symbol,
    openTimeMs: bucket,
    closeTimeMs: bucket + intervalMs - 1,
    open: priceDecimal(series, series.open[start] as number),
    high: priceDecimal(series, high),
    low: priceDecimal(series, low),
    close: priceDecimal(series, series.close[end - 1] as number),
    volume: new Decimal(String(volume)),
    closed: true
  }
}
