import type { KeychainEntries } from './keychain-entries'
import { KeychainKeyStore } from './keychain-key-store'
import { keychainSetupText } from './keychain-setup-text'
import { KeychainUnavailableError } from './keychain-unavailable-error'
import { firstLine, loadKeytar, type Keytar, type LoadKeytar } from './keytar-loader'

/** The keychain service every Gridkeeper key profile is saved under. */
export const KEYCHAIN_SERVICE = 'Gridkeeper'

/**
 * Entries of one service in the OS keychain through keytar (the Secret Service on Linux, the
 * Keychain on macOS, the Credential Vault on Windows). keytar is loaded on first use, so a machine
 * without it, or without a keychain, fails on the first call with a KeychainUnavailableError.
 * Load it from one thread of a process only: on Linux, once a worker thread that loaded it exits,
 * loading it again in that process hangs or crashes (libsecret's GLib types are registered once).
 */
class KeytarEntries implements KeychainEntries {
  readonly #service: string
  readonly #load: LoadKeytar
  readonly #platform: NodeJS.Platform

  constructor(service: string, load: LoadKeytar, platform: NodeJS.Platform) {
    this.#service = service
    this.#load = load
    this.#platform = platform
  }

  async get(account: string): Promise<string | undefined> {
    return (await this.#call((keytar) => keytar.getPassword(this.#service, account))) ?? undefined
  }

  async set(account: string, password: string): Promise<void> {
    await this.#call((keytar) => keytar.setPassword(this.#service, account, password))
  }

  async delete(account: string): Promise<boolean> {
    return this.#call((keytar) => keytar.deletePassword(this.#service, account))
  }

  async all(): Promise<readonly { account: string; password: string }[]> {
    return this.#call((keytar) => keytar.findCredentials(this.#service))
  }

  async #call<T>(action: (keytar: Keytar) => Promise<T>): Promise<T> {
    const keytar = await this.#load()
    try {
      return await action(keytar)
    } catch (error) {
      // A keychain that did not answer may answer later (a keyring unlocked meanwhile), so this is not kept
      throw new KeychainUnavailableError(keychainSetupText('no-keychain-service', this.#platform, firstLine(error)), { cause: error })
    }
  }
}

/** The KeyStore in the OS keychain: service "Gridkeeper", one entry per profile. */
export class KeytarKeyStore extends KeychainKeyStore {
  /** Takes how keytar is loaded and the platform the messages are for (the process's own by default). */
  constructor(load: LoadKeytar = loadKeytar, platform: NodeJS.Platform = process.platform) {
    super(new KeytarEntries(KEYCHAIN_SERVICE, load, platform))
  }
}
