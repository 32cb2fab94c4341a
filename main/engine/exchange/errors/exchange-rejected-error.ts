import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/**
 * The exchange refused a request and did nothing (Binance -2010, -1013, -11xx and other 4xx).
 * `venueCode` is the exchange's code (e.g. -2010), `venueMessage` its text.
 */
export class ExchangeRejectedError extends GridkeeperError {
  override readonly name = 'ExchangeRejectedError' as const
  readonly venueCode: number
  readonly venueMessage: string

  constructor(venueCode: number, venueMessage: string, options?: { cause?: unknown }) {
    super('EXCHANGE_REJECTED', `exchange rejected the request: ${venueCode} ${venueMessage}`, options)
    this.venueCode = venueCode
    this.venueMessage = venueMessage
  }
}

/** Returns true for an ExchangeRejectedError, also after it crossed a process boundary. */
export function isExchangeRejectedError(value: unknown): value is ExchangeRejectedError {
  return (value as { name?: unknown } | null)?.name === 'ExchangeRejectedError'
}
