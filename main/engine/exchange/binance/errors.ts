import { ExchangeRejectedError } from '../errors/exchange-rejected-error'
import { ExchangeRetryableError } from '../errors/exchange-retryable-error'
import { OrderNotFoundError } from '../errors/order-not-found-error'
import { OutcomeUnknownError } from '../errors/outcome-unknown-error'
import { sdkErrorFacts, type SdkErrorFacts } from './sdk-error-facts'

/** One of the port's typed errors. */
export type ExchangeError = ExchangeRejectedError | ExchangeRetryableError | OutcomeUnknownError | OrderNotFoundError

/** What the mapping needs to know about the request that failed. */
export interface ErrorContext {
  /** True for order entry (place, cancel, order lists): a busy server may then have acted. */
  readonly orderEntry: boolean
  /** Now, in epoch milliseconds (for a WebSocket API `retryAfter`). */
  readonly nowMs: number
}

/** Waits when a rate-limit answer names none: the weight window is a minute, the order window ten seconds. */
const DEFAULT_WEIGHT_WAIT_MS = 60_000
const DEFAULT_ORDER_WAIT_MS = 10_000
/** Wait before trying again after a connection that was never made, or a busy server. */
const BUSY_WAIT_MS = 1_000

// The request never left this machine: nothing can have happened
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL'])

/**
 * Maps any error of the `binance` SDK to the port's typed errors — the one place that does:
 * - -2013, and -2011 "Unknown order sent." / "Order list does not exist." → OrderNotFoundError;
 * - -1000, -1001, -1006, -1007, HTTP 5xx, timeouts, socket resets and answers that are not
 *   Binance's `{code, msg}` → OutcomeUnknownError (resolve by querying, never by resending);
 * - HTTP 429/418 (Retry-After), -1003, -1015 → ExchangeRetryableError with `retryAfterMs`;
 * - -1021 → ExchangeRetryableError('timestamp') (the caller resyncs its clock offset once);
 * - -1008 → outcome unknown for order entry, else retryable ('busy'); a connection never made
 *   → retryable ('busy');
 * - everything else → ExchangeRejectedError(code, msg) (code 0 when the answer had none).
 */
export function toExchangeError(raw: unknown, context: ErrorContext): ExchangeError {
  const facts = sdkErrorFacts(raw)
  const options = { cause: raw }
  const { venueCode, httpStatus, message } = facts
  if (venueCode === -2013) return new OrderNotFoundError(-2013, message, options)
  if (venueCode === -2011 && !/cancel restrictions/i.test(message)) return new OrderNotFoundError(-2011, message, options)
  if (httpStatus === 429 || httpStatus === 418 || venueCode === -1003 || venueCode === -1015) return rateLimited(facts, context, options)
  if (venueCode === -1021) return new ExchangeRetryableError('timestamp', -1021, 0, `timestamp rejected (${message})`, options)
  if (venueCode === -1008) {
    return context.orderEntry
      ? new OutcomeUnknownError(`server busy: ${message}`, -1008, options)
      : new ExchangeRetryableError('busy', -1008, BUSY_WAIT_MS, `server busy: ${message}`, options)
  }
  if (venueCode === -1000 || venueCode === -1001 || venueCode === -1006 || venueCode === -1007) return new OutcomeUnknownError(message, venueCode, options)
  if (httpStatus !== undefined && httpStatus >= 500) return new OutcomeUnknownError(`HTTP ${httpStatus}: ${message}`, venueCode, options)
  if (venueCode !== undefined) return new ExchangeRejectedError(venueCode, message, options)
  if (facts.networkCode !== undefined && NOT_SENT.has(facts.networkCode)) {
    return new ExchangeRetryableError('busy', 0, BUSY_WAIT_MS, `the exchange could not be reached (${facts.networkCode}): ${message}`, options)
  }
  if (httpStatus !== undefined && httpStatus >= 400) return new ExchangeRejectedError(0, `HTTP ${httpStatus}: ${message}`, options)
  return new OutcomeUnknownError(`no answer from the exchange (${facts.networkCode ?? 'unknown'}): ${message}`, undefined, options)
}

/** Returns the wait a rate-limit answer asks for, in milliseconds, or undefined when it names none. */
export function retryAfterMsOf(facts: SdkErrorFacts, nowMs: number): number | undefined {
  const header = facts.headers['retry-after']
  if (header !== undefined && /^\d+(\.\d+)?$/.test(header.trim())) return Math.ceil(Number(header) * 1000)
  if (facts.retryAtMs !== undefined) return Math.max(0, facts.retryAtMs - nowMs)
  return undefined
}

function rateLimited(facts: SdkErrorFacts, context: ErrorContext, options: { cause: unknown }): ExchangeRetryableError {
  const banned = facts.httpStatus === 418 || /banned/i.test(facts.message)
  const fallback = facts.venueCode === -1015 ? DEFAULT_ORDER_WAIT_MS : DEFAULT_WEIGHT_WAIT_MS
  const waitMs = retryAfterMsOf(facts, context.nowMs) ?? fallback
  const code = facts.venueCode ?? -1003
  return new ExchangeRetryableError(banned ? 'banned' : 'rate-limit', code, waitMs, `${banned ? 'IP banned' : 'rate limited'} (${code} ${facts.message}); retry after ${waitMs} ms`, options)
}
