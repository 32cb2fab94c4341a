import type { ApiKeys } from './api-keys'

/** A profile as listed: its name and its API key masked; `problem` says why an entry cannot be read. */
export type KeyProfile =
  | { readonly profile: string; readonly maskedKey: string; readonly problem?: undefined }
  | { readonly profile: string; readonly maskedKey?: undefined; readonly problem: string }

/**
 * Where API keys are kept, one entry per named profile (`live`, `testnet`, `paper`, …). Profile
 * names and keys are validated on the way in and out; the secret is only ever returned by load.
 */
export interface KeyStore {
  /** Saves the profile's keys, replacing any it had. */
  save(profile: string, keys: ApiKeys): Promise<void>
  /** Returns the profile's keys, or undefined when none are saved; throws when the entry is corrupt. */
  load(profile: string): Promise<ApiKeys | undefined>
  /** Removes the profile's keys and returns whether there were any. */
  remove(profile: string): Promise<boolean>
  /** Returns every saved profile in name order, its key masked and its secret left out. */
  list(): Promise<readonly KeyProfile[]>
}
