import type { KeychainEntries } from './keychain-entries'
import { KeychainKeyStore } from './keychain-key-store'

/** Keychain entries held in a Map, for tests. */
class MemoryEntries implements KeychainEntries {
  readonly passwords = new Map<string, string>()

  async get(account: string): Promise<string | undefined> {
    return this.passwords.get(account)
  }

  async set(account: string, password: string): Promise<void> {
    this.passwords.set(account, password)
  }

  async delete(account: string): Promise<boolean> {
    return this.passwords.delete(account)
  }

  async all(): Promise<readonly { account: string; password: string }[]> {
    return [...this.passwords].map(([account, password]) => ({ account, password }))
  }
}

/** A KeyStore in memory with the keychain's entry format, for tests of its callers. */
export class MemoryKeyStore extends KeychainKeyStore {
  readonly #entries: MemoryEntries

  constructor() {
    const entries = new MemoryEntries()
    super(entries)
    this.#entries = entries
  }

  /** Writes an entry's password as is, unchecked, as another program could. */
  writeRawEntry(account: string, password: string): void {
    this.#entries.passwords.set(account, password)
  }

  /** Returns an entry's password as stored, or undefined. */
  readRawEntry(account: string): string | undefined {
    return this.#entries.passwords.get(account)
  }
}
