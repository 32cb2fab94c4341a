import type { KeychainEntries } from './keychain-entries'
import { KeychainKeyStore } from './keychain-key-store'
import { KeychainUnavailableError } from './keychain-unavailable-error'

/** The keychain service every Gridkeeper key profile is saved under. */
export const KEYCHAIN_SERVICE = 'Gridkeeper'

type Keytar = typeof import('keytar')

/**
 * Entries of one service in the OS keychain through keytar (the Secret Service on Linux, the
 * Keychain on macOS, the Credential Vault on Windows). keytar is loaded on first use, so a machine
 * without it, or without a keychain, fails on the first call with a KeychainUnavailableError.
 * Load it from one thread of a process only: on Linux, once a worker thread that loaded it exits,
 * loading it again in that process hangs or crashes (libsecret's GLib types are registered once).
 */
class KeytarEntries implements KeychainEntries {
  readonly #service: string
  #keytar: Promise<Keytar> | undefined

  constructor(service: string) {
    this.#service = service
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
      throw new KeychainUnavailableError(reasonOf(error), { cause: error })
    }
  }

  #load(): Promise<Keytar> {
    // A failed load is not kept, so a later call tries again
    this.#keytar ??= import('keytar').then(
      (module) => (module as Keytar & { default?: Keytar }).default ?? module,
      (error: unknown) => {
        this.#keytar = undefined
        throw new KeychainUnavailableError(`keytar could not be loaded (${reasonOf(error)})`, { cause: error })
      }
    )
    return this.#keytar
  }
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0] ?? message
}

/** The KeyStore in the OS keychain: service "Gridkeeper", one entry per profile. */
export class KeytarKeyStore extends KeychainKeyStore {
  constructor() {
    super(new KeytarEntries(KEYCHAIN_SERVICE))
  }
}
