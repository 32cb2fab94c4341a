import { describe, expect, it, vi } from 'vitest'
import { KeychainUnavailableError } from './keychain-unavailable-error'
import { KeytarKeyStore } from './keytar-key-store'

vi.mock('keytar', () => {
  throw new Error("Cannot find module 'keytar'")
})

describe('KeytarKeyStore without keytar', () => {
  it('is created without loading keytar, and each call fails with a clear KeychainUnavailableError', async () => {
    const store = new KeytarKeyStore()
    for (const call of [() => store.list(), () => store.load('live'), () => store.remove('live'), () => store.save('live', { apiKey: 'k', apiSecret: 's' })]) {
      const error = await call().then(() => undefined, (caught: unknown) => caught)
      expect(error).toBeInstanceOf(KeychainUnavailableError)
      // vitest words the failed import its own way; the message names the module and how to install it, the cause keeps the original error
      expect((error as Error).message).toMatch(/^the OS keychain is not available: Gridkeeper('s keychain module \(keytar\) is installed but| was installed without its keychain module \(keytar\))[^\n]+$/)
      expect((error as Error).cause).toBeInstanceOf(Error)
    }
  })
})
