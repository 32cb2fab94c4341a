import { KlinesCache, openTimeOfLine } from './klines-cache'
import { monthKey, monthStartsBetween } from './utc-month'

/** Where and what to read from the cache. */
export interface CachedRange {
  readonly cacheDir: string
  readonly symbol: string
  readonly interval: string
  /** Open times from `fromMs` (included) to `toMs` (excluded), UTC milliseconds. */
  readonly fromMs: number
  readonly toMs: number
}

/**
 * Returns the cached klines of a range as Binance's klines CSV (no header, the lines exactly as
 * cached, oldest first); months with nothing cached add nothing.
 */
export async function cachedKlinesCsv(range: CachedRange): Promise<string> {
  const cache = new KlinesCache(range.cacheDir)
  const lines: string[] = []
  for (const start of range.fromMs < range.toMs ? monthStartsBetween(range.fromMs, range.toMs) : []) {
    const cached = await cache.read(range.symbol, range.interval, monthKey(start))
    for (const line of cached?.lines ?? []) {
      const openTimeMs = openTimeOfLine(line)
      if (openTimeMs >= range.fromMs && openTimeMs < range.toMs) lines.push(line)
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`
}
