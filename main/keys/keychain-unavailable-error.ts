import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/** Raised when the OS keychain cannot be reached: keytar missing, no Secret Service, a locked keyring. */
export class KeychainUnavailableError extends GridkeeperError {
  override readonly name = 'KeychainUnavailableError' as const

  constructor(reason: string, options?: { cause?: unknown }) {
    super('KEYCHAIN_UNAVAILABLE', `the OS keychain is not available: ${reason}`, options)
  }
}
