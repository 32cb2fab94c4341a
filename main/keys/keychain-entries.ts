/** The passwords of one keychain service, by account: what a keychain-backed KeyStore reads and writes. */
export interface KeychainEntries {
  get(account: string): Promise<string | undefined>
  set(account: string, password: string): Promise<void>
  /** Deletes the entry and returns whether there was one. */
  delete(account: string): Promise<boolean>
  all(): Promise<readonly { readonly account: string; readonly password: string }[]>
}
