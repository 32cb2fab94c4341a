import { randomBytes } from 'node:crypto'
import keytar from 'keytar'
import { afterAll, describe, expect, it } from 'vitest'
import { CorruptKeychainEntryError } from './corrupt-keychain-entry-error'
import { KEYCHAIN_SERVICE, KeytarKeyStore } from './keytar-key-store'

// These run against the real OS keychain: `npm test` starts them inside tests/run-keyring.sh (a
// D-Bus session with an unlocked gnome-keyring). Without a Secret Service they fail, never skip.

const RUN = `t-${randomBytes(4).toString('hex')}`
const created: string[] = []

/** A profile name of this run only, removed afterwards. */
function profile(name: string): string {
  const full = `${RUN}-${name}`
  created.push(full)
  return full
}

afterAll(async () => {
  for (const name of created) await keytar.deletePassword(KEYCHAIN_SERVICE, name)
})

const HMAC = { apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A', apiSecret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j' }
const PEM = {
  apiKey: 'ed25519key00000000000000000000000000000000000000000000000000abcd',
  apiSecret: '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIFZ8kGMr0Cw7H6JpJWkWKYUeXGZsR8Vd3VfYB2Lx8fK3\n-----END PRIVATE KEY-----'
}

describe('KeytarKeyStore in the OS keychain', () => {
  it('reaches a Secret Service (run the tests with sh tests/run-keyring.sh)', async () => {
    await expect(new KeytarKeyStore().list()).resolves.toBeInstanceOf(Array)
  })

  it('saves one entry per profile under the service Gridkeeper, loads it, lists it masked, replaces and removes it', async () => {
    const store = new KeytarKeyStore()
    const hmac = profile('hmac')
    const pem = profile('pem')
    expect(await store.load(hmac)).toBeUndefined()
    await store.save(hmac, HMAC)
    await store.save(pem, PEM)
    expect(JSON.parse((await keytar.getPassword('Gridkeeper', hmac)) ?? '')).toEqual(HMAC)
    expect(await store.load(hmac)).toEqual(HMAC)
    expect(await store.load(pem)).toEqual(PEM)

    const listed = (await store.list()).filter((entry) => entry.profile.startsWith(RUN))
    expect(listed).toEqual([
      { profile: hmac, maskedKey: 'vmPU…Eh8A' },
      { profile: pem, maskedKey: 'ed25…abcd' }
    ])
    expect(JSON.stringify(listed)).not.toContain(HMAC.apiSecret)

    await store.save(hmac, { apiKey: 'REPLACEDKEY-0000000000', apiSecret: 'replaced-secret' })
    expect(await store.load(hmac)).toEqual({ apiKey: 'REPLACEDKEY-0000000000', apiSecret: 'replaced-secret' })
    expect((await keytar.findCredentials('Gridkeeper')).filter((entry) => entry.account === hmac)).toHaveLength(1)

    expect(await store.remove(hmac)).toBe(true)
    expect(await store.remove(hmac)).toBe(false)
    expect(await store.load(hmac)).toBeUndefined()
    expect((await store.list()).map((entry) => entry.profile)).not.toContain(hmac)
  })

  it('reports an entry that is not its JSON with the specific error, and leaves it in the keychain', async () => {
    const store = new KeytarKeyStore()
    const corrupt = profile('corrupt')
    await keytar.setPassword(KEYCHAIN_SERVICE, corrupt, 'SECRET-LOOKING-GARBAGE')
    const error = await store.load(corrupt).then(() => undefined, (caught: unknown) => caught)
    expect(error).toBeInstanceOf(CorruptKeychainEntryError)
    expect((error as Error).message).toBe(
      `the OS keychain entry of profile "${corrupt}" cannot be read: it is not JSON; it was left as it is (save the keys again or delete the profile)`
    )
    expect((await store.list()).find((entry) => entry.profile === corrupt)).toEqual({ profile: corrupt, problem: (error as Error).message })
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, corrupt)).toBe('SECRET-LOOKING-GARBAGE')
  })
})
