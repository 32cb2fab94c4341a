import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/**
 * A Binance payload could not be read: a field is missing or malformed, or an enum value is one
 * the port cannot represent. The adapter turns it into OutcomeUnknownError for the request that
 * received it (the request may have done something), and into a reconciliation for a stream event.
 */
export class BinancePayloadError extends GridkeeperError {
  override readonly name = 'BinancePayloadError' as const

  constructor(message: string, options?: { cause?: unknown }) {
    super('BINANCE_PAYLOAD', message, options)
  }
}

/** Returns true for a BinancePayloadError, also after it crossed a process boundary. */
export function isBinancePayloadError(value: unknown): value is BinancePayloadError {
  return (value as { name?: unknown } | null)?.name === 'BinancePayloadError'
}
