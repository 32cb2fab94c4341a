import { describe, expect, it, vi } from 'vitest'
import { KeychainUnavailableError } from './keychain-unavailable-error'
import { createKeytarLoader, type Keytar } from './keytar-loader'

const KEYTAR: Keytar = {
  getPassword: async () => null,
  setPassword: async () => undefined,
  deletePassword: async () => false,
  findCredentials: async () => []
}

const NOT_INSTALLED_ON_LINUX =
  'the OS keychain is not available: Gridkeeper was installed without its keychain module (keytar), which needs libsecret to build; ' +
  'on Debian: sudo apt-get install libsecret-1-dev gnome-keyring, then npm install again; ' +
  'the keychain then works in a desktop session, or in a D-Bus session with gnome-keyring unlocked'

const NOT_LOADABLE_ON_LINUX =
  "the OS keychain is not available: Gridkeeper's keychain module (keytar) is installed but cannot be loaded; " +
  'on Debian: sudo apt-get install libsecret-1-dev gnome-keyring, then npm rebuild keytar; ' +
  'the keychain then works in a desktop session, or in a D-Bus session with gnome-keyring unlocked'

function failure(message: string, code?: string): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code })
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(() => undefined, (error: unknown) => error)
  expect(outcome).toBeInstanceOf(KeychainUnavailableError)
  return outcome as Error
}

describe('createKeytarLoader', () => {
  it('imports keytar on the first call only, and hands every call the same module (as a CommonJS default export too)', async () => {
    for (const module of [KEYTAR, { default: KEYTAR }]) {
      const importKeytar = vi.fn(async () => module)
      const load = createKeytarLoader(importKeytar, 'linux')
      expect(importKeytar).not.toHaveBeenCalled()
      expect(await load()).toBe(KEYTAR)
      expect(await load()).toBe(KEYTAR)
      expect(importKeytar).toHaveBeenCalledTimes(1)
    }
  })

  it('finds a keytar that is not installed once: every call fails with one line naming the Debian packages, the import error kept as the cause', async () => {
    const missing = [
      failure("Cannot find module 'keytar'\nRequire stack:\n- /home/person/gridkeeper/out/main/cli.js", 'MODULE_NOT_FOUND'),
      failure("Cannot find package 'keytar' imported from /home/person/gridkeeper/out/main/cli.js", 'ERR_MODULE_NOT_FOUND')
    ]
    for (const cause of missing) {
      const importKeytar = vi.fn(async () => Promise.reject(cause))
      const load = createKeytarLoader(importKeytar, 'linux')
      const first = await rejection(load())
      const second = await rejection(load())
      expect(importKeytar).toHaveBeenCalledTimes(1)
      expect(second).toBe(first)
      expect(first.message).toBe(NOT_INSTALLED_ON_LINUX)
      expect(first.cause).toBe(cause)
      expect((first as KeychainUnavailableError).code).toBe('KEYCHAIN_UNAVAILABLE')
    }
  })

  it('tells an installed keytar whose native part does not load from a missing one, without quoting the loader', async () => {
    const broken = [
      failure('libsecret-1.so.0: cannot open shared object file: No such file or directory', 'ERR_DLOPEN_FAILED'),
      failure("Cannot find module '../build/Release/keytar.node'\nRequire stack:\n- /home/person/gridkeeper/node_modules/keytar/lib/keytar.js", 'MODULE_NOT_FOUND'),
      failure('The module was compiled against a different Node.js version')
    ]
    for (const cause of broken) {
      const error = await rejection(createKeytarLoader(async () => Promise.reject(cause), 'linux')())
      expect(error.message).toBe(NOT_LOADABLE_ON_LINUX)
      expect(error.cause).toBe(cause)
    }
  })

  it('elsewhere than Linux says to install or rebuild it with npm', async () => {
    const missing = await rejection(createKeytarLoader(async () => Promise.reject(failure("Cannot find module 'keytar'", 'MODULE_NOT_FOUND')), 'darwin')())
    expect(missing.message).toBe('the OS keychain is not available: Gridkeeper was installed without its keychain module (keytar); run npm install again to install it')
    const broken = await rejection(createKeytarLoader(async () => Promise.reject(failure('dlopen failed', 'ERR_DLOPEN_FAILED')), 'win32')())
    expect(broken.message).toBe("the OS keychain is not available: Gridkeeper's keychain module (keytar) is installed but cannot be loaded; run npm rebuild keytar")
  })
})
