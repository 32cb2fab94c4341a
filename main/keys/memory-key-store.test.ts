import { describe, expect, it } from 'vitest'
import { CorruptKeychainEntryError } from './corrupt-keychain-entry-error'
import { InvalidApiKeysError } from './invalid-api-keys-error'
import { InvalidProfileNameError } from './invalid-profile-name-error'
import { MemoryKeyStore } from './memory-key-store'

const LIVE = { apiKey: 'LIVEKEY0123456789', apiSecret: 'live-secret-value' }
const TESTNET = { apiKey: 'TESTKEY0123456789', apiSecret: '-----BEGIN PRIVATE KEY-----\nbody\n-----END PRIVATE KEY-----' }

describe('a keychain KeyStore (in memory)', () => {
  it('saves, loads, lists masked in name order, replaces and removes', async () => {
    const store = new MemoryKeyStore()
    expect(await store.list()).toEqual([])
    expect(await store.load('live')).toBeUndefined()
    await store.save('testnet', TESTNET)
    await store.save('live', LIVE)
    expect(JSON.parse(store.readRawEntry('live') ?? '')).toEqual(LIVE)
    expect(await store.load('testnet')).toEqual(TESTNET)
    expect(await store.list()).toEqual([
      { profile: 'live', maskedKey: 'LIVE…6789' },
      { profile: 'testnet', maskedKey: 'TEST…6789' }
    ])
    expect(JSON.stringify(await store.list())).not.toContain('secret')
    await store.save('live', { apiKey: 'OTHERKEY987654321', apiSecret: 'other' })
    expect(await store.load('live')).toEqual({ apiKey: 'OTHERKEY987654321', apiSecret: 'other' })
    expect(await store.remove('live')).toBe(true)
    expect(await store.remove('live')).toBe(false)
    expect(await store.load('live')).toBeUndefined()
    expect((await store.list()).map((entry) => entry.profile)).toEqual(['testnet'])
  })

  it('refuses bad profile names and bad keys before writing anything', async () => {
    const store = new MemoryKeyStore()
    await expect(store.save('Live', LIVE)).rejects.toThrow(InvalidProfileNameError)
    await expect(store.load('../x')).rejects.toThrow(InvalidProfileNameError)
    await expect(store.remove('')).rejects.toThrow(InvalidProfileNameError)
    await expect(store.save('live', { apiKey: 'key', apiSecret: '' })).rejects.toThrow(InvalidApiKeysError)
    expect(await store.list()).toEqual([])
  })

  it('reports a corrupt entry on load and in the list, and leaves it in place', async () => {
    const store = new MemoryKeyStore()
    store.writeRawEntry('demo', 'not json at all')
    await store.save('live', LIVE)
    await expect(store.load('demo')).rejects.toThrow(CorruptKeychainEntryError)
    await expect(store.load('demo')).rejects.toThrow('the OS keychain entry of profile "demo" cannot be read: it is not JSON')
    expect(await store.list()).toEqual([
      { profile: 'demo', problem: expect.stringContaining('it is not JSON') },
      { profile: 'live', maskedKey: 'LIVE…6789' }
    ])
    expect(store.readRawEntry('demo')).toBe('not json at all')
    expect(await store.remove('demo')).toBe(true)
  })

  it('leaves entries whose account is not a profile name out of the list', async () => {
    const store = new MemoryKeyStore()
    store.writeRawEntry('Some Other Account', JSON.stringify(LIVE))
    expect(await store.list()).toEqual([])
  })
})
