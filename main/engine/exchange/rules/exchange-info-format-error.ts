import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/** Raised when an exchangeInfo payload is not usable at all (not an object, no symbol list). */
export class ExchangeInfoFormatError extends GridkeeperError {
  override readonly name = 'ExchangeInfoFormatError' as const

  constructor(message: string, options?: { cause?: unknown }) {
    super('EXCHANGE_INFO_FORMAT', message, options)
  }
}
