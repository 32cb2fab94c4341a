import { isExchangeRejectedError } from '../errors/exchange-rejected-error'
import { isExchangeRetryableError } from '../errors/exchange-retryable-error'
import { isOrderNotFoundError } from '../errors/order-not-found-error'
import { isOutcomeUnknownError } from '../errors/outcome-unknown-error'
import { isPaperApiError, PaperApiError } from './paper-api-error'

/** HTTP status of an outcome-unknown answer (-1007 and injected faults): a 5xx, as Binance's "execution status unknown". */
export const OUTCOME_UNKNOWN_STATUS = 503

/**
 * Returns the Binance answer for an error the simulator or the server raised: a refusal is 400
 * with its code, a rate limit 429 with Retry-After, an unknown outcome (-1007) a 5xx; anything
 * else is a bug and answers 500 -1000.
 */
export function toPaperApiError(error: unknown): PaperApiError {
  if (isPaperApiError(error)) return error
  if (isExchangeRejectedError(error)) return new PaperApiError(400, error.venueCode, error.venueMessage)
  if (isOrderNotFoundError(error)) return new PaperApiError(400, error.venueCode, error.message)
  // A -1021 is a plain 400 without Retry-After: the caller resyncs its clock
  if (isExchangeRetryableError(error) && error.reason === 'timestamp') return new PaperApiError(400, error.venueCode, error.message)
  if (isExchangeRetryableError(error)) {
    const status = error.reason === 'banned' ? 418 : error.reason === 'rate-limit' ? 429 : 400
    return new PaperApiError(status, error.venueCode, error.message, { retryAfterSeconds: Math.max(1, Math.ceil(error.retryAfterMs / 1000)) })
  }
  if (isOutcomeUnknownError(error)) return new PaperApiError(OUTCOME_UNKNOWN_STATUS, error.venueCode ?? -1006, error.message)
  return new PaperApiError(500, -1000, 'An unknown error occurred while processing the request.', { cause: error })
}
