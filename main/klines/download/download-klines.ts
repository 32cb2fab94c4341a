import { intervalMsOf } from '../kline-intervals'
import { isoTime } from '../open-time'
import { KlinesCache, openTimeOfLine } from './klines-cache'
import { KLINES_PAGE_LIMIT, KlinesClient, type KlinesClientOptions } from './klines-client'
import { KlinesDownloadError } from './klines-download-error'
import { monthKey, monthStartsBetween, nextMonthStartMs } from './utc-month'

/** What to download and where to keep it. */
export interface DownloadKlinesOptions extends KlinesClientOptions {
  readonly symbol: string
  /** A Binance interval name: '1m', '1h', ... */
  readonly interval: string
  /** Start of the range, UTC milliseconds, included. */
  readonly fromMs: number
  /** End of the range, UTC milliseconds, excluded; clamped to now. */
  readonly toMs: number
  /** The cache folder (see KlinesCache). */
  readonly cacheDir: string
  readonly onProgress?: (progress: DownloadProgress) => void
}

/** How far a download is, reported after every page and once more when a month is done. */
export interface DownloadProgress {
  /** Intervals of the months covered so far, gaps included. */
  readonly done: number
  /** Intervals in all the months of the range, up to now. */
  readonly total: number
  /** The UTC month being worked on, 'YYYY-MM'. */
  readonly month: string
  /** True on the last report of a month. */
  readonly monthDone: boolean
  /** True when the month was found complete in the cache and nothing was fetched for it. */
  readonly fromCache: boolean
  /** Candles cached for the month so far. */
  readonly candles: number
}

/** One month of a finished download. */
export interface DownloadedMonth {
  readonly month: string
  /** Its file in the cache. */
  readonly path: string
  /** False for the running month, cached up to the last closed candle. */
  readonly complete: boolean
  readonly candles: number
  /** Requests sent for the month; 0 when the cache had all of it. */
  readonly requests: number
}

/** What a download did. */
export interface DownloadSummary {
  readonly months: readonly DownloadedMonth[]
  readonly requests: number
}

/**
 * Downloads a symbol's klines for a range into the cache, whole UTC months at a time, from
 * Binance's public `GET /api/v3/klines` in pages of 1000. A month found complete in the cache is
 * never fetched again; a partial one (interrupted, or the running month) is fetched on from the
 * candle after its last cached one. Only closed candles are kept, and the month's file is
 * rewritten atomically after every page, so stopping at any moment loses at most one page.
 * Missing candles stay missing: Binance leaves them out and so does the cache.
 */
export async function downloadKlines(options: DownloadKlinesOptions): Promise<DownloadSummary> {
  const { symbol, interval } = options
  const intervalMs = intervalMsOf(interval)
  if (intervalMs === undefined) throw new KlinesDownloadError(`interval ${JSON.stringify(interval)} is not a Binance interval of fixed length`)
  const nowMs = (options.nowMs ?? Date.now)()
  const endMs = Math.min(options.toMs, nowMs)
  const starts = options.fromMs < endMs ? monthStartsBetween(options.fromMs, endMs) : []
  const slots = (start: number, until: number) => Math.max(0, Math.floor((Math.min(until, nowMs) - start) / intervalMs))
  const total = starts.reduce((sum, start) => sum + slots(start, nextMonthStartMs(start)), 0)
  const cache = new KlinesCache(options.cacheDir)
  const client = new KlinesClient(options)
  const months: DownloadedMonth[] = []
  let doneBefore = 0

  for (const start of starts) {
    const month = monthKey(start)
    const monthEndMs = nextMonthStartMs(start)
    const monthSlots = slots(start, monthEndMs)
    const report = (covered: number, candles: number, monthDone: boolean, fromCache: boolean) =>
      options.onProgress?.({ done: doneBefore + covered, total, month, monthDone, fromCache, candles })
    const cached = await cache.read(symbol, interval, month)
    if (cached?.complete === true) {
      report(monthSlots, cached.lines.length, true, true)
      months.push({ month, path: cache.monthPath(symbol, interval, month, true), complete: true, candles: cached.lines.length, requests: 0 })
      doneBefore += monthSlots
      continue
    }
    const lines = [...(cached?.lines ?? [])]
    const requestsBefore = client.requests
    const lastCached = lines[lines.length - 1]
    let cursor = lastCached === undefined ? start : openTimeOfLine(lastCached) + intervalMs
    // A candle is kept once closed: its interval has ended by now
    const fetchEndMs = Math.min(monthEndMs, nowMs - intervalMs + 1)
    while (cursor < fetchEndMs) {
      const pageStartMs = cursor
      const page = await client.page(symbol, interval, pageStartMs, fetchEndMs - 1)
      let added = 0
      for (const row of page) {
        const openTimeMs = row[0] as number
        if (openTimeMs < cursor || openTimeMs >= fetchEndMs) {
          const asked = `${isoTime(pageStartMs)} to ${isoTime(fetchEndMs - 1)}`
          throw new KlinesDownloadError(`${symbol} ${interval}: the answer for ${asked} holds a kline opening at ${isoTime(openTimeMs)}, out of that range or of order`)
        }
        lines.push(row.join(','))
        cursor = openTimeMs + intervalMs
        added++
      }
      if (added > 0) {
        await cache.write(symbol, interval, month, lines, false)
        report(slots(start, cursor), lines.length, false, false)
      }
      if (page.length < KLINES_PAGE_LIMIT) break
    }
    // Over once the last candle that can open in it has closed (a weekly one runs into the next month)
    const complete = monthEndMs - 1 + intervalMs <= nowMs
    const path = await cache.write(symbol, interval, month, lines, complete)
    report(monthSlots, lines.length, true, false)
    months.push({ month, path, complete, candles: lines.length, requests: client.requests - requestsBefore })
    doneBefore += monthSlots
  }
  return { months, requests: client.requests }
}
