import { ExchangeRetryableError, type RetryReason } from '../errors/exchange-retryable-error'
import type { Clock } from '../../clock/clock'
import type { RateLimit } from '../rules/symbol-rules'

/** Settings of the governor. */
export interface RateLimitGovernorOptions {
  /** Share of each limit requests may use before the governor waits for the next window (0.9). */
  readonly headroom?: number
  /** Longest wait before a send; a longer one fails at once with ExchangeRetryableError (60 s). */
  readonly maxWaitMs?: number
}

/** One limiter window as the governor sees it. */
export interface LimitUsage {
  readonly kind: 'weight' | 'orders'
  readonly intervalMs: number
  /** Undefined until exchangeInfo names the limit. */
  readonly limit: number | undefined
  readonly used: number
  readonly windowStartMs: number
}

interface Counter {
  kind: 'weight' | 'orders'
  intervalMs: number
  limit: number | undefined
  used: number
  windowStartMs: number
}

const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, SECOND: 1_000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 }
const HEADER = /^x-mbx-(used-weight|order-count)-(\d+)([smhd])$/
// Binance's published limits, used until exchangeInfo says otherwise
const DEFAULT_LIMITS: readonly RateLimit[] = [
  { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
  { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 50 },
  { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 160_000 }
]
/** Sent a little after a window turns, so the server has turned it too. */
const WINDOW_MARGIN_MS = 50
const MAX_ROUNDS = 4

/**
 * Keeps requests under Binance's rate limits. Limits come from exchangeInfo `rateLimits`
 * (REQUEST_WEIGHT, ORDERS); usage from the `X-MBX-USED-WEIGHT-*` and `X-MBX-ORDER-COUNT-*`
 * headers of every answer, plus what was sent since. Windows are fixed buckets aligned to the
 * epoch on the exchange's clock, as Binance's are. Before a send that would pass `headroom` of a
 * limit it waits for the window to turn; after a 429/418 it holds every send until Retry-After.
 * A wait longer than `maxWaitMs` (a ban, the daily order limit) is not waited out: the send fails
 * at once with ExchangeRetryableError, which tells the caller how long.
 */
export class RateLimitGovernor {
  private readonly counters = new Map<string, Counter>()
  private blockedUntilMs = 0
  private block: { reason: RetryReason; code: number } = { reason: 'rate-limit', code: -1003 }
  private readonly headroom: number
  private readonly maxWaitMs: number

  constructor(
    private readonly clock: Clock,
    private readonly serverNowMs: () => number,
    options: RateLimitGovernorOptions = {}
  ) {
    this.headroom = options.headroom ?? 0.9
    this.maxWaitMs = options.maxWaitMs ?? 60_000
    this.configure(DEFAULT_LIMITS)
  }

  /** Takes the limits of exchangeInfo's `rateLimits` (unknown limiter types are ignored). */
  configure(rateLimits: readonly RateLimit[]): void {
    for (const limit of rateLimits) {
      const kind = limit.rateLimitType === 'REQUEST_WEIGHT' ? 'weight' : limit.rateLimitType === 'ORDERS' ? 'orders' : undefined
      const unitMs = UNIT_MS[limit.interval]
      if (kind === undefined || unitMs === undefined) continue
      this.counter(kind, unitMs * limit.intervalNum).limit = limit.limit
    }
  }

  /** Reads the usage headers of an answer (names in lowercase). */
  observe(headers: Readonly<Record<string, string>>): void {
    const nowMs = this.serverNowMs()
    for (const [name, value] of Object.entries(headers)) {
      const match = HEADER.exec(name)
      const used = Number(value)
      if (match === null || !Number.isFinite(used)) continue
      const counter = this.counter(match[1] === 'used-weight' ? 'weight' : 'orders', Number(match[2]) * (UNIT_MS[match[3] ?? ''] ?? 0))
      this.roll(counter, nowMs)
      // Weight only grows within a window, and answers can arrive out of order: keep the highest.
      // The unfilled-order count also falls (an order's first fill takes it back): take it as told
      counter.used = counter.kind === 'weight' ? Math.max(counter.used, used) : used
    }
  }

  /** Holds every send for `retryAfterMs` (a 429 or 418 answer). */
  hold(retryAfterMs: number, reason: RetryReason, code: number): void {
    const untilMs = this.serverNowMs() + retryAfterMs
    if (untilMs > this.blockedUntilMs) {
      this.blockedUntilMs = untilMs
      this.block = { reason, code }
    }
  }

  /** Waits until a request of this cost fits (or throws ExchangeRetryableError), then counts it. */
  async admit(cost: { readonly weight: number; readonly orders: number }): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const nowMs = this.serverNowMs()
      const wait = this.waitFor(cost, nowMs)
      if (wait === undefined) break
      if (wait.ms > this.maxWaitMs) throw new ExchangeRetryableError(wait.reason, wait.code, wait.ms, `${wait.why}; not sent, retry after ${wait.ms} ms`)
      await this.clock.sleep(wait.ms)
    }
    const nowMs = this.serverNowMs()
    for (const counter of this.counters.values()) {
      this.roll(counter, nowMs)
      counter.used += counter.kind === 'weight' ? cost.weight : cost.orders
    }
  }

  /** Returns every window's usage, for the health view. */
  usage(): readonly LimitUsage[] {
    const nowMs = this.serverNowMs()
    return [...this.counters.values()].map((counter) => {
      this.roll(counter, nowMs)
      return { ...counter }
    })
  }

  /** Returns when a 429/418 hold ends (epoch ms on the exchange's clock), or undefined when none holds. */
  heldUntilMs(): number | undefined {
    return this.blockedUntilMs > this.serverNowMs() ? this.blockedUntilMs : undefined
  }

  private waitFor(cost: { readonly weight: number; readonly orders: number }, nowMs: number): { ms: number; reason: RetryReason; code: number; why: string } | undefined {
    if (this.blockedUntilMs > nowMs) return { ms: this.blockedUntilMs - nowMs, ...this.block, why: `the exchange asked to wait (${this.block.code})` }
    let longest: { ms: number; reason: RetryReason; code: number; why: string } | undefined
    for (const counter of this.counters.values()) {
      this.roll(counter, nowMs)
      const adds = counter.kind === 'weight' ? cost.weight : cost.orders
      if (adds === 0 || counter.limit === undefined) continue
      if (counter.used + adds <= Math.floor(counter.limit * this.headroom)) continue
      const ms = counter.windowStartMs + counter.intervalMs - nowMs + WINDOW_MARGIN_MS
      if (longest === undefined || ms > longest.ms) {
        const code = counter.kind === 'weight' ? -1003 : -1015
        longest = { ms, reason: 'rate-limit', code, why: `${counter.kind} ${counter.used}/${counter.limit} per ${counter.intervalMs} ms is near its limit` }
      }
    }
    return longest
  }

  private counter(kind: 'weight' | 'orders', intervalMs: number): Counter {
    const key = `${kind}:${intervalMs}`
    let counter = this.counters.get(key)
    if (counter === undefined) {
      counter = { kind, intervalMs, limit: undefined, used: 0, windowStartMs: 0 }
      this.counters.set(key, counter)
    }
    return counter
  }

  private roll(counter: Counter, nowMs: number): void {
    const startMs = Math.floor(nowMs / counter.intervalMs) * counter.intervalMs
    // Only forward: a resynced clock offset may move the estimate of the exchange's time back a little
    if (startMs > counter.windowStartMs) {
      counter.windowStartMs = startMs
      counter.used = 0
    }
  }
}
