import type { Clock } from '../../clock/clock'
import { PaperApiError } from './paper-api-error'

/** The paper server's limits; Binance's 2026 values by default (read them from exchangeInfo, never hard-code). */
export interface RateLimitSettings {
  /** REQUEST_WEIGHT per IP per minute (6000). */
  readonly requestWeightPerMinute: number
  /** ORDERS per account per 10 seconds (50, the documented example and testnet value). */
  readonly ordersPer10Seconds: number
  /** ORDERS per account per day (160000). */
  readonly ordersPerDay: number
  /** Requests over the weight limit in one window before the IP is banned with 418 (10). */
  readonly violationsBeforeBan: number
  /** Length of the first ban in seconds; each further ban doubles it (120). */
  readonly banSeconds: number
}

/** Binance's limits as the paper server's defaults. */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  requestWeightPerMinute: 6000,
  ordersPer10Seconds: 50,
  ordersPerDay: 160_000,
  violationsBeforeBan: 10,
  banSeconds: 120
}

const MINUTE_MS = 60_000
const TEN_SECONDS_MS = 10_000
const DAY_MS = 86_400_000

/** A fixed-window counter (Binance's windows restart at whole minutes, tens of seconds, days UTC). */
class WindowCounter {
  private window = -1
  private value = 0

  constructor(private readonly lengthMs: number) {}

  count(nowMs: number): number {
    this.roll(nowMs)
    return this.value
  }

  add(amount: number, nowMs: number): void {
    this.roll(nowMs)
    this.value = Math.max(0, this.value + amount)
  }

  secondsLeft(nowMs: number): number {
    return Math.max(1, Math.ceil(((Math.floor(nowMs / this.lengthMs) + 1) * this.lengthMs - nowMs) / 1000))
  }

  private roll(nowMs: number): void {
    const window = Math.floor(nowMs / this.lengthMs)
    if (window !== this.window) {
      this.window = window
      this.value = 0
    }
  }
}

interface IpState {
  readonly weight: WindowCounter
  violations: number
  violationWindow: number
  bannedUntilMs: number
  bans: number
}

/** Counts of the limiters at one moment, for headers and WebSocket API `rateLimits`. */
export interface RateLimitCounts {
  readonly weight1m: number
  readonly orders10s: number
  readonly orders1d: number
}

/**
 * Request-weight accounting per IP and the unfilled-order count of the account, in Binance's fixed
 * windows: over the weight limit answers 429 -1003 with Retry-After, and an IP that keeps going is
 * banned with 418; over the order limit answers 429 -1015. A first fill lowers the order count.
 */
export class RateLimiter {
  private readonly ips = new Map<string, IpState>()
  private readonly orders10s = new WindowCounter(TEN_SECONDS_MS)
  private readonly orders1d = new WindowCounter(DAY_MS)

  constructor(
    private settings: RateLimitSettings,
    private readonly clock: Clock
  ) {}

  /** Changes the limits from now on. */
  configure(settings: Partial<RateLimitSettings>): void {
    this.settings = { ...this.settings, ...settings }
  }

  /** Returns the limits in force. */
  limits(): RateLimitSettings {
    return this.settings
  }

  /** Throws 418 while the IP is banned, or 429/418 when `weight` more would pass the limit. */
  checkWeight(ip: string, weight: number): void {
    const nowMs = this.clock.nowMs()
    const state = this.ip(ip)
    if (state.bannedUntilMs > nowMs) throw banned(state.bannedUntilMs, nowMs)
    if (state.weight.count(nowMs) + weight <= this.settings.requestWeightPerMinute) return
    const window = Math.floor(nowMs / MINUTE_MS)
    if (state.violationWindow !== window) {
      state.violationWindow = window
      state.violations = 0
    }
    state.violations += 1
    if (state.violations > this.settings.violationsBeforeBan) {
      state.bans += 1
      state.bannedUntilMs = nowMs + this.settings.banSeconds * 1000 * 2 ** (state.bans - 1)
      throw banned(state.bannedUntilMs, nowMs)
    }
    throw new PaperApiError(
      429,
      -1003,
      `Too much request weight used; current limit is ${this.settings.requestWeightPerMinute} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`,
      { retryAfterSeconds: state.weight.secondsLeft(nowMs) }
    )
  }

  /** Adds weight used by an IP. */
  addWeight(ip: string, weight: number): void {
    this.ip(ip).weight.add(weight, this.clock.nowMs())
  }

  /** Throws 429 -1015 when `count` more orders would pass either order limit. */
  checkOrders(count: number): void {
    const nowMs = this.clock.nowMs()
    if (this.orders1d.count(nowMs) + count > this.settings.ordersPerDay) {
      throw tooManyOrders(this.settings.ordersPerDay, '1 DAY', this.orders1d.secondsLeft(nowMs))
    }
    if (this.orders10s.count(nowMs) + count > this.settings.ordersPer10Seconds) {
      throw tooManyOrders(this.settings.ordersPer10Seconds, '10 SECOND', this.orders10s.secondsLeft(nowMs))
    }
  }

  /** Counts accepted orders (an OCO counts two). */
  addOrders(count: number): void {
    const nowMs = this.clock.nowMs()
    this.orders10s.add(count, nowMs)
    this.orders1d.add(count, nowMs)
  }

  /** An order traded for the first time: the unfilled-order count drops by one, never below zero. */
  firstFill(): void {
    this.addOrders(-1)
  }

  /** Returns the counts now, for an IP. */
  counts(ip: string): RateLimitCounts {
    const nowMs = this.clock.nowMs()
    return { weight1m: this.ip(ip).weight.count(nowMs), orders10s: this.orders10s.count(nowMs), orders1d: this.orders1d.count(nowMs) }
  }

  private ip(ip: string): IpState {
    let state = this.ips.get(ip)
    if (state === undefined) {
      state = { weight: new WindowCounter(MINUTE_MS), violations: 0, violationWindow: -1, bannedUntilMs: 0, bans: 0 }
      this.ips.set(ip, state)
    }
    return state
  }
}

function banned(untilMs: number, nowMs: number): PaperApiError {
  return new PaperApiError(
    418,
    -1003,
    `Way too much request weight used; IP banned until ${untilMs}. Please use WebSocket Streams for live updates to avoid bans.`,
    { retryAfterSeconds: Math.max(1, Math.ceil((untilMs - nowMs) / 1000)) }
  )
}

function tooManyOrders(limit: number, interval: string, retryAfterSeconds: number): PaperApiError {
  return new PaperApiError(429, -1015, `Too many new orders; current limit is ${limit} orders per ${interval}.`, { retryAfterSeconds })
}
