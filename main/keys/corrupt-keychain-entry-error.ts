import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/**
 * Raised when a profile's keychain entry is not the JSON Gridkeeper writes; the entry is left as it
 * is. The message says what is wrong with it, never what it holds.
 */
export class CorruptKeychainEntryError extends GridkeeperError {
  override readonly name = 'CorruptKeychainEntryError' as const
  readonly profile: string

  constructor(profile: string, problem: string) {
    super(
      'CORRUPT_KEYCHAIN_ENTRY',
      `the OS keychain entry of profile "${profile}" cannot be read: ${problem}; it was left as it is (save the keys again or delete the profile)`
    )
    this.profile = profile
  }
}
