import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/** Why a request may be tried again. */
export type RetryReason = 'rate-limit' | 'banned' | 'timestamp' | 'busy'

/**
 * The exchange did not execute the request and it may be sent again after `retryAfterMs`
 * (429/418 with Retry-After, -1003, -1015, -1021 after a clock resync, -1008 for non-orders).
 */
export class ExchangeRetryableError extends GridkeeperError {
  override readonly name = 'ExchangeRetryableError' as const
  readonly reason: RetryReason
  readonly retryAfterMs: number
  readonly venueCode: number

  constructor(reason: RetryReason, venueCode: number, retryAfterMs: number, message: string, options?: { cause?: unknown }) {
    super('EXCHANGE_RETRYABLE', message, options)
    this.reason = reason
    this.venueCode = venueCode
    this.retryAfterMs = retryAfterMs
  }
}

/** Returns true for an ExchangeRetryableError, also after it crossed a process boundary. */
export function isExchangeRetryableError(value: unknown): value is ExchangeRetryableError {
  return (value as { name?: unknown } | null)?.name === 'ExchangeRetryableError'
}
