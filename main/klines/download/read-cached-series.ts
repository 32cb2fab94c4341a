import { setImmediate as nextTurn } from 'node:timers/promises'
import type { CandleSeries } from '../candle-series'
import { joinSeries } from '../join-series'
import { parseKlines } from '../parse-klines'
import { sliceSeries } from '../slice-series'
import type { CachedRange } from './cached-klines-csv'
import { KlinesCache } from './klines-cache'
import { monthKey, monthStartsBetween } from './utc-month'

/** How reading shares the process. */
export interface ReadCachedOptions {
  /** Stops between months with the signal's reason. */
  readonly signal?: AbortSignal
  /** Called after each month with the months read, their number and the month, 'YYYY-MM'. */
  readonly onMonth?: (done: number, total: number, month: string) => void
}

/**
 * Returns the cached candles of a range as one series, or undefined when the cache holds none.
 * Month by month, each file parsed as it is and cut to the range, letting the event loop run
 * between reading and parsing and between months, so a year of one-minute candles never holds
 * the process for long (a month parses in some 20 ms). A bad cached file is named in the
 * KlinesFileError thrown.
 */
export async function readCachedSeries(range: CachedRange, options: ReadCachedOptions = {}): Promise<CandleSeries | undefined> {
  const cache = new KlinesCache(range.cacheDir)
  const starts = range.fromMs < range.toMs ? monthStartsBetween(range.fromMs, range.toMs) : []
  const parts: CandleSeries[] = []
  for (const [index, start] of starts.entries()) {
    options.signal?.throwIfAborted()
    const month = monthKey(start)
    const cached = await cache.readText(range.symbol, range.interval, month)
    await nextTurn()
    if (cached !== undefined && cached.text.trim() !== '') {
      const series = parseKlines(cached.text, cache.monthPath(range.symbol, range.interval, month, cached.complete), { symbol: range.symbol, interval: range.interval })
      parts.push(sliceSeries(series, { fromMs: range.fromMs, toMs: range.toMs }))
    }
    options.onMonth?.(index + 1, starts.length, month)
    await nextTurn()
  }
  if (parts.length === 0) return undefined
  const series = joinSeries(parts)
  // Each month holds only its own open times, in order: parts that do not follow each other are a broken cache
  if (series === undefined) throw new Error(`the cached ${range.symbol} ${range.interval} months overlap`)
  return series
}
