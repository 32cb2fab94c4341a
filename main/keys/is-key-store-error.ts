import type { CorruptKeychainEntryError } from './corrupt-keychain-entry-error'
import type { InvalidApiKeysError } from './invalid-api-keys-error'
import type { InvalidProfileNameError } from './invalid-profile-name-error'
import type { KeychainUnavailableError } from './keychain-unavailable-error'

/** An error a KeyStore raises on purpose. */
export type KeyStoreError = InvalidApiKeysError | InvalidProfileNameError | CorruptKeychainEntryError | KeychainUnavailableError

const NAMES: ReadonlySet<string> = new Set(['InvalidApiKeysError', 'InvalidProfileNameError', 'CorruptKeychainEntryError', 'KeychainUnavailableError'])

/** Returns true for an error a KeyStore raises on purpose, checked by name so it survives IPC. */
export function isKeyStoreError(value: unknown): value is KeyStoreError {
  return typeof value === 'object' && value !== null && NAMES.has(String((value as { name?: unknown }).name)) && typeof (value as { message?: unknown }).message === 'string'
}
