import { keychainSetupText } from './keychain-setup-text'
import { KeychainUnavailableError } from './keychain-unavailable-error'

/** The part of keytar Gridkeeper uses. */
export interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
  findCredentials(service: string): Promise<{ account: string; password: string }[]>
}

/** Imports the keytar module (a test passes its own). */
export type ImportKeytar = () => Promise<unknown>

/** Loads keytar, or throws the KeychainUnavailableError that says why it cannot be used. */
export type LoadKeytar = () => Promise<Keytar>

/**
 * Returns a LoadKeytar that imports keytar on its first call and answers every call after it with
 * the same outcome. keytar is an optional dependency: an install without libsecret leaves it out,
 * and its native part may still fail to load; either is final for the process, so it is found out
 * once and each call then fails with the same KeychainUnavailableError, saying how to install it.
 */
export function createKeytarLoader(importKeytar: ImportKeytar, platform: NodeJS.Platform): LoadKeytar {
  let loading: Promise<Keytar> | undefined
  return () => {
    loading ??= importKeytar().then(
      (module) => (module as { default?: Keytar }).default ?? (module as Keytar),
      (error: unknown) => {
        const problem = isKeytarMissing(error) ? 'not-installed' : 'not-loadable'
        throw new KeychainUnavailableError(keychainSetupText(problem, platform, firstLine(error)), { cause: error })
      }
    )
    return loading
  }
}

/** Whether the error says the keytar package itself is absent (not a file inside it, such as its native binary). */
function isKeytarMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  if (code !== undefined && code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') return false
  return /Cannot find (module|package) 'keytar'/.test(firstLine(error))
}

/** The first line of an error's message. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0] ?? message
}

/** The process's one keytar loader: the keychain is found usable or not once per process. */
export const loadKeytar: LoadKeytar = createKeytarLoader(() => import('keytar'), process.platform)
