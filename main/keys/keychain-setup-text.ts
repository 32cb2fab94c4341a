/** Why the OS keychain cannot keep keys here. */
export type KeychainProblem =
  /** keytar, an optional dependency, was not installed (on Linux its build needs libsecret-1-dev). */
  | 'not-installed'
  /** keytar is installed but its native part does not load (not built, or libsecret missing at run time). */
  | 'not-loadable'
  /** keytar loaded, but no keychain answered (on Linux: no Secret Service on the D-Bus session, or a locked keyring). */
  | 'no-keychain-service'

const LINUX_RUN = 'the keychain then works in a desktop session, or in a D-Bus session with gnome-keyring unlocked'

const LINUX: Readonly<Record<KeychainProblem, string>> = {
  'not-installed': `Gridkeeper was installed without its keychain module (keytar), which needs libsecret to build; on Debian: sudo apt-get install libsecret-1-dev gnome-keyring, then npm install again; ${LINUX_RUN}`,
  'not-loadable': `Gridkeeper's keychain module (keytar) is installed but cannot be loaded; on Debian: sudo apt-get install libsecret-1-dev gnome-keyring, then npm rebuild keytar; ${LINUX_RUN}`,
  'no-keychain-service': 'no Secret Service answered; on Debian it is gnome-keyring (sudo apt-get install gnome-keyring), running and unlocked in a desktop session or in a D-Bus session'
}

const OTHER: Readonly<Record<Exclude<KeychainProblem, 'no-keychain-service'>, string>> = {
  'not-installed': "Gridkeeper was installed without its keychain module (keytar); run npm install again to install it",
  'not-loadable': "Gridkeeper's keychain module (keytar) is installed but cannot be loaded; run npm rebuild keytar"
}

/**
 * Returns, in one line for a person, what is missing and how to install it. Elsewhere than Linux a
 * keychain that does not answer is described by its own words (`detail`), which name the cause there.
 */
export function keychainSetupText(problem: KeychainProblem, platform: NodeJS.Platform, detail: string): string {
  if (platform === 'linux') return LINUX[problem]
  return problem === 'no-keychain-service' ? detail : OTHER[problem]
}
