import type { Clock } from '../clock/clock'
import { isExchangeRetryableError } from '../exchange/errors/exchange-retryable-error'
import type { Exchange } from '../exchange/port/exchange'
import { backoffDelayMs, type RetryPolicy } from '../orders/retry-policy'

/** The port's calls that only read: asking again cannot change anything on the exchange. */
const READS = new Set<keyof Exchange>([
  'exchangeInfo', 'serverTimeMs', 'account', 'lastPrice', 'avgPrice', 'bookTicker', 'queryOrder', 'openOrders', 'allOrders', 'myTrades', 'openOrderLists', 'klines'
])

/** Refusals of a read that pass in moments: a rate limit with its Retry-After, a -1021 after a clock resync. */
const PASSING: ReadonlySet<string> = new Set(['rate-limit', 'timestamp'])

/**
 * Wraps an exchange so that a read the exchange refused for a passing reason (a 429 or -1003
 * with its Retry-After, a -1021 after a clock resync) is asked again after the wait it asks for
 * or the policy's backoff, within `policy.maxAttempts` and `policy.budgetMs`; the last error is
 * thrown when they are spent. An exchange that cannot be reached is said at once (the caller's
 * own loop, e.g. the periodic reconciliation, comes back to it). Orders and cancels pass through
 * untouched: the order gateway alone decides whether to send one again.
 */
export function withRetryingReads(exchange: Exchange, clock: Clock, policy: RetryPolicy, random: () => number): Exchange {
  return new Proxy(exchange, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown
      if (typeof value !== 'function' || !READS.has(property as keyof Exchange)) return typeof value === 'function' ? value.bind(target) : value
      const read = value as (...args: unknown[]) => Promise<unknown>
      return async (...args: unknown[]) => {
        const startedMs = clock.nowMs()
        for (let attempt = 1; ; attempt += 1) {
          try {
            return await read.apply(target, args)
          } catch (error) {
            if (!isExchangeRetryableError(error) || !PASSING.has(error.reason)) throw error
            const waitMs = Math.max(error.retryAfterMs, backoffDelayMs(policy, attempt, random))
            if (attempt >= policy.maxAttempts || clock.nowMs() - startedMs + waitMs > policy.budgetMs) throw error
            await clock.sleep(waitMs)
          }
        }
      }
    }
  })
}
