import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/** Raised for an API key or secret that cannot be right; the message never quotes either. */
export class InvalidApiKeysError extends GridkeeperError {
  override readonly name = 'InvalidApiKeysError' as const

  constructor(message: string) {
    super('INVALID_API_KEYS', message)
  }
}
