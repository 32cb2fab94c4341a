import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/**
 * The request may or may not have been executed (timeout, socket closed, HTTP 5xx, -1000, -1006,
 * -1007). For an order this is resolved by querying its client order id, never by resending.
 */
export class OutcomeUnknownError extends GridkeeperError {
  override readonly name = 'OutcomeUnknownError' as const
  readonly venueCode: number | undefined

  constructor(message: string, venueCode?: number, options?: { cause?: unknown }) {
    super('OUTCOME_UNKNOWN', message, options)
    this.venueCode = venueCode
  }
}

/** Returns true for an OutcomeUnknownError, also after it crossed a process boundary. */
export function isOutcomeUnknownError(value: unknown): value is OutcomeUnknownError {
  return (value as { name?: unknown } | null)?.name === 'OutcomeUnknownError'
}
