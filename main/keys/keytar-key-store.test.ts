import { describe, expect, it } from 'vitest'
import { KeychainUnavailableError } from './keychain-unavailable-error'
import { KeytarKeyStore } from './keytar-key-store'
import type { Keytar } from './keytar-loader'

/** A keytar whose keychain does not answer the first `failures` calls, then answers. */
function keytarFailing(failures: number, message: string): Keytar {
  let left = failures
  const answer = async <T>(value: T): Promise<T> => {
    if (left > 0) {
      left -= 1
      throw new Error(message)
    }
    return value
  }
  return {
    getPassword: () => answer(null),
    setPassword: () => answer(undefined),
    deletePassword: () => answer(false),
    findCredentials: () => answer([])
  }
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(() => undefined, (error: unknown) => error)
  expect(outcome).toBeInstanceOf(KeychainUnavailableError)
  return outcome as Error
}

describe('KeytarKeyStore', () => {
  it('on Linux, says a keychain that does not answer needs gnome-keyring in a D-Bus session, and asks it again on the next call', async () => {
    const keytar = keytarFailing(1, 'Cannot autolaunch D-Bus without X11 $DISPLAY\nat secret_service_get_sync')
    const store = new KeytarKeyStore(async () => keytar, 'linux')
    const error = await rejection(store.list())
    expect(error.message).toBe(
      'the OS keychain is not available: no Secret Service answered; on Debian it is gnome-keyring (sudo apt-get install gnome-keyring), running and unlocked in a desktop session or in a D-Bus session'
    )
    expect((error.cause as Error).message).toContain('Cannot autolaunch D-Bus')
    // A keyring unlocked meanwhile answers the next call
    expect(await store.list()).toEqual([])
  })

  it('elsewhere, quotes the first line of what the keychain said', async () => {
    const store = new KeytarKeyStore(async () => keytarFailing(1, 'The user name or passphrase you entered is not correct.\nmore'), 'darwin')
    expect((await rejection(store.load('live'))).message).toBe('the OS keychain is not available: The user name or passphrase you entered is not correct.')
  })
})
