import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/**
 * An answer of the paper server in Binance's error form: the HTTP status, Binance's `code` and
 * `msg`, and for 429/418 the seconds a client must wait (the Retry-After header).
 */
export class PaperApiError extends GridkeeperError {
  override readonly name = 'PaperApiError' as const
  readonly httpStatus: number
  readonly venueCode: number
  readonly venueMessage: string
  readonly retryAfterSeconds: number | undefined

  constructor(httpStatus: number, venueCode: number, venueMessage: string, options?: { retryAfterSeconds?: number; cause?: unknown }) {
    super('PAPER_API_ERROR', `${httpStatus} ${venueCode} ${venueMessage}`, options?.cause === undefined ? undefined : { cause: options.cause })
    this.httpStatus = httpStatus
    this.venueCode = venueCode
    this.venueMessage = venueMessage
    this.retryAfterSeconds = options?.retryAfterSeconds
  }

  /** Returns the JSON body Binance sends with this error. */
  body(): { code: number; msg: string } {
    return { code: this.venueCode, msg: this.venueMessage }
  }
}

/** Returns true for a PaperApiError. */
export function isPaperApiError(value: unknown): value is PaperApiError {
  return (value as { name?: unknown } | null)?.name === 'PaperApiError'
}
