import { validateApiKeys, type ApiKeys } from './api-keys'
import { decodeApiKeysEntry, encodeApiKeysEntry } from './api-keys-entry'
import { isKeyStoreError } from './is-key-store-error'
import type { KeyProfile, KeyStore } from './key-store'
import type { KeychainEntries } from './keychain-entries'
import { maskApiKey } from './mask-api-key'
import { checkProfileName, PROFILE_NAME_PATTERN } from './profile-name'

/** The KeyStore over a keychain service: one entry per profile, the account its name, the password JSON. */
export class KeychainKeyStore implements KeyStore {
  readonly #entries: KeychainEntries

  constructor(entries: KeychainEntries) {
    this.#entries = entries
  }

  async save(profile: string, keys: ApiKeys): Promise<void> {
    checkProfileName(profile)
    validateApiKeys(keys)
    await this.#entries.set(profile, encodeApiKeysEntry(keys))
  }

  async load(profile: string): Promise<ApiKeys | undefined> {
    checkProfileName(profile)
    const password = await this.#entries.get(profile)
    return password === undefined ? undefined : decodeApiKeysEntry(profile, password)
  }

  async remove(profile: string): Promise<boolean> {
    checkProfileName(profile)
    return this.#entries.delete(profile)
  }

  async list(): Promise<readonly KeyProfile[]> {
    const profiles: KeyProfile[] = []
    for (const { account, password } of await this.#entries.all()) {
      // Entries under another kind of name were not written by a profile and are not listed
      if (!PROFILE_NAME_PATTERN.test(account)) continue
      try {
        profiles.push({ profile: account, maskedKey: maskApiKey(decodeApiKeysEntry(account, password).apiKey) })
      } catch (error) {
        if (!isKeyStoreError(error)) throw error
        profiles.push({ profile: account, problem: error.message })
      }
    }
    return profiles.sort((a, b) => (a.profile < b.profile ? -1 : a.profile > b.profile ? 1 : 0))
  }
}
