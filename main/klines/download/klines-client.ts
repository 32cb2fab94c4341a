import { setTimeout as delay } from 'node:timers/promises'
import { rowPreview } from '../row-preview'
import { KlinesDownloadError } from './klines-download-error'

/** The most klines Binance answers in one request. */
export const KLINES_PAGE_LIMIT = 1000
/** REQUEST_WEIGHT of one `GET /api/v3/klines`. */
export const KLINES_REQUEST_WEIGHT = 2
/** Binance's public REST base URL; https://data-api.binance.vision serves the same public market data. */
export const DEFAULT_BASE_URL = 'https://api.binance.com'

const MINUTE_MS = 60_000
const PLAIN_DECIMAL = /^\d+(\.\d+)?$/
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000
const MAX_RATE_LIMIT_RETRIES = 5

/** How the client reaches Binance and how long it is willing to wait. Everything has a default. */
export interface KlinesClientOptions {
  /** Default https://api.binance.com. */
  readonly baseUrl?: string
  /**
   * REQUEST_WEIGHT the client lets the IP use a minute (Binance allows 6000): when the last answer's
   * `X-MBX-USED-WEIGHT-1M` leaves no room for another request, it waits for the next minute.
   * Default 5000, leaving room for a bot running on the same IP.
   */
  readonly weightBudgetPerMinute?: number
  /** The longest 429/418 `Retry-After` it waits out; a longer one stops the download. Default 5 minutes. */
  readonly maxRetryWaitMs?: number
  /** Tries again after a network error or a 5xx answer this many times, waiting 1 s, 2 s, 4 s, ... Default 3. */
  readonly retries?: number
  /** Stops the download: the pending request or wait ends with the signal's reason. */
  readonly signal?: AbortSignal
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly nowMs?: () => number
  readonly fetch?: typeof fetch
}

/**
 * Reads pages of `GET /api/v3/klines`, one request at a time, honouring Binance's request weight
 * and its 429/418 `Retry-After` (seconds), and retrying network errors and 5xx answers a few times.
 */
export class KlinesClient {
  /** Requests sent, retries included. */
  requests = 0
  private readonly baseUrl: string
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  private readonly nowMs: () => number
  private readonly fetch: typeof fetch

  constructor(private readonly options: KlinesClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')
    this.sleep = options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }))
    this.nowMs = options.nowMs ?? Date.now
    this.fetch = options.fetch ?? globalThis.fetch
  }

  /**
   * Returns up to 1000 klines of a symbol opening from `startTimeMs` to `endTimeMs` (both
   * included), oldest first, as Binance's 12-element rows.
   */
  async page(symbol: string, interval: string, startTimeMs: number, endTimeMs: number): Promise<unknown[][]> {
    const query = new URLSearchParams({ symbol, interval, startTime: String(startTimeMs), endTime: String(endTimeMs), limit: String(KLINES_PAGE_LIMIT) })
    const url = `${this.baseUrl}/api/v3/klines?${query.toString()}`
    const { signal } = this.options
    const retries = this.options.retries ?? 3
    let failures = 0
    let rateLimited = 0
    for (;;) {
      signal?.throwIfAborted()
      let response: Response
      try {
        this.requests++
        response = await this.fetch(url, signal === undefined ? {} : { signal })
      } catch (error) {
        if (signal?.aborted === true) throw signal.reason
        if (failures >= retries) throw new KlinesDownloadError(`cannot reach ${url}: ${(error as Error).message}`, undefined, { cause: error })
        await this.sleep(1000 * 2 ** failures++, signal)
        continue
      }
      if (response.status === 429 || response.status === 418) {
        await response.body?.cancel()
        const waitMs = retryAfterMs(response)
        const what = response.status === 418 ? 'banned this IP (418)' : 'rate-limited this IP (429)'
        const maxWaitMs = this.options.maxRetryWaitMs ?? 300_000
        if (waitMs > maxWaitMs) {
          throw new KlinesDownloadError(`${this.baseUrl} ${what} for ${Math.ceil(waitMs / 1000)} s, longer than this download waits (${Math.ceil(maxWaitMs / 1000)} s); run it again after that`, response.status)
        }
        if (rateLimited++ >= MAX_RATE_LIMIT_RETRIES) throw new KlinesDownloadError(`${this.baseUrl} ${what} again after ${MAX_RATE_LIMIT_RETRIES} waits`, response.status)
        await this.sleep(waitMs, signal)
        continue
      }
      if (response.status >= 500 && failures < retries) {
        await response.body?.cancel()
        await this.sleep(1000 * 2 ** failures++, signal)
        continue
      }
      if (!response.ok) throw new KlinesDownloadError(`${url} answered ${response.status}: ${await errorText(response)}`, response.status)
      const rows = klineRows(await response.json().catch(() => undefined), url)
      await this.honourWeight(response)
      return rows
    }
  }

  /** Waits for the next minute when the weight the IP used leaves no room for one more request. */
  private async honourWeight(response: Response): Promise<void> {
    const used = Number(response.headers.get('x-mbx-used-weight-1m'))
    const budget = this.options.weightBudgetPerMinute ?? 5000
    if (!Number.isFinite(used) || used + KLINES_REQUEST_WEIGHT <= budget) return
    // Binance counts weight per clock minute; a second more keeps clear of the edge
    await this.sleep(MINUTE_MS - (this.nowMs() % MINUTE_MS) + 1000, this.options.signal)
  }
}

/** Returns a 429/418 answer's Retry-After (seconds) in milliseconds, or a minute when it has none. */
function retryAfterMs(response: Response): number {
  const header = response.headers.get('retry-after')
  const seconds = header === null ? Number.NaN : Number(header)
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : DEFAULT_RATE_LIMIT_WAIT_MS
}

/** Returns Binance's `code msg` of an error answer, or its text. */
async function errorText(response: Response): Promise<string> {
  const text = await response.text().catch(() => '')
  try {
    const body = JSON.parse(text) as { code?: unknown; msg?: unknown }
    if (typeof body.msg === 'string') return `${String(body.code)} ${body.msg}`
  } catch {
    // Not JSON: the text says what it says
  }
  return text.slice(0, 200) || response.statusText
}

/** True for a finite number or a plain decimal string: a value a CSV cell can hold as it is. */
function isPlainValue(value: unknown): boolean {
  return typeof value === 'number' ? Number.isFinite(value) : typeof value === 'string' && PLAIN_DECIMAL.test(value)
}

/** Checks an answer is an array of Binance's 12-element klines and returns it. */
function klineRows(body: unknown, url: string): unknown[][] {
  if (!Array.isArray(body)) throw new KlinesDownloadError(`${url} did not answer an array of klines: ${rowPreview(body)}`)
  for (const row of body) {
    if (!Array.isArray(row) || row.length !== 12 || !Number.isSafeInteger(row[0]) || !row.every(isPlainValue)) {
      throw new KlinesDownloadError(`${url} answered a row that is not a Binance kline: ${rowPreview(row)}`)
    }
  }
  return body as unknown[][]
}
