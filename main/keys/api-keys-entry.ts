import { validateApiKeys, type ApiKeys } from './api-keys'
import { CorruptKeychainEntryError } from './corrupt-keychain-entry-error'
import { InvalidApiKeysError } from './invalid-api-keys-error'

/** Returns the keychain password that holds a profile's keys: `{"apiKey":…,"apiSecret":…}`. */
export function encodeApiKeysEntry(keys: ApiKeys): string {
  return JSON.stringify({ apiKey: keys.apiKey, apiSecret: keys.apiSecret })
}

/**
 * Reads back a keychain password written by encodeApiKeysEntry, or throws a
 * CorruptKeychainEntryError naming the profile and the problem, never the content.
 */
export function decodeApiKeysEntry(profile: string, password: string): ApiKeys {
  let parsed: unknown
  try {
    parsed = JSON.parse(password)
  } catch {
    // The parser's message quotes the text, which may be a secret
    throw new CorruptKeychainEntryError(profile, 'it is not JSON')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CorruptKeychainEntryError(profile, 'it is not a JSON object')
  }
  const { apiKey, apiSecret } = parsed as Record<string, unknown>
  if (typeof apiKey !== 'string' || typeof apiSecret !== 'string') {
    throw new CorruptKeychainEntryError(profile, 'it lacks the string fields apiKey and apiSecret')
  }
  try {
    return validateApiKeys({ apiKey, apiSecret })
  } catch (error) {
    if (error instanceof InvalidApiKeysError) throw new CorruptKeychainEntryError(profile, error.message)
    throw error
  }
}
