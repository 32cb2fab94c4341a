import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/**
 * The exchange does not know the order (query: -2013 "Order does not exist."; cancel: -2011
 * "Unknown order sent."). Right after an unknown outcome it may still appear: query again later.
 */
export class OrderNotFoundError extends GridkeeperError {
  override readonly name = 'OrderNotFoundError' as const
  readonly venueCode: number

  constructor(venueCode: number, message: string, options?: { cause?: unknown }) {
    super('ORDER_NOT_FOUND', message, options)
    this.venueCode = venueCode
  }
}

/** Returns true for an OrderNotFoundError, also after it crossed a process boundary. */
export function isOrderNotFoundError(value: unknown): value is OrderNotFoundError {
  return (value as { name?: unknown } | null)?.name === 'OrderNotFoundError'
}
