import { describe, expect, it } from 'vitest'
import type { KeyStore } from '../../keys/key-store'
import { KeychainUnavailableError } from '../../keys/keychain-unavailable-error'
import { MemoryKeyStore } from '../../keys/memory-key-store'
import { CliUsageError } from '../cli-usage-error'
import { defaultKeyProfile, resolveRunApiKeys } from './run-api-keys'

const ENV_KEYS = { apiKey: 'ENVKEY-0123456789', apiSecret: 'env-secret-value' }
const ENV = { GRIDKEEPER_API_KEY: ENV_KEYS.apiKey, GRIDKEEPER_API_SECRET: ENV_KEYS.apiSecret }

async function storeWith(entries: Record<string, string>): Promise<MemoryKeyStore> {
  const store = new MemoryKeyStore()
  for (const [profile, secret] of Object.entries(entries)) await store.save(profile, { apiKey: `${profile.toUpperCase()}-KEY-0123456789`, apiSecret: secret })
  return store
}

/** Returns the CliUsageError a call throws. */
async function usageError(call: Promise<unknown>): Promise<CliUsageError> {
  const error = await call.then(() => undefined, (caught: unknown) => caught)
  expect(error).toBeInstanceOf(CliUsageError)
  return error as CliUsageError
}

describe('defaultKeyProfile', () => {
  it('is the name of a named endpoint, and paper for a URL', () => {
    expect(['live', 'testnet', 'demo', 'http://127.0.0.1:8765'].map(defaultKeyProfile)).toEqual(['live', 'testnet', 'demo', 'paper'])
  })
})

describe('the keys of gridkeeper run', () => {
  it('come from GRIDKEEPER_API_KEY and GRIDKEEPER_API_SECRET when both are set, even when the keychain has the profile', async () => {
    const keyStore = await storeWith({ testnet: 'keychain-secret' })
    const resolved = await resolveRunApiKeys({ env: ENV, keyStore, profile: undefined, endpoint: 'testnet' })
    expect(resolved).toEqual({ keys: ENV_KEYS, source: 'API key ENVK…6789 from GRIDKEEPER_API_KEY and GRIDKEEPER_API_SECRET' })
    const named = await resolveRunApiKeys({ env: ENV, keyStore, profile: 'main', endpoint: 'testnet' })
    expect(named.source).toBe('API key ENVK…6789 from GRIDKEEPER_API_KEY and GRIDKEEPER_API_SECRET (--profile main is not used)')
  })

  it("otherwise come from the keychain profile named after the endpoint, or paper for a URL", async () => {
    const keyStore = await storeWith({ live: 'live-secret', testnet: 'testnet-secret', demo: 'demo-secret', paper: 'paper-secret' })
    for (const [endpoint, profile] of [['live', 'live'], ['testnet', 'testnet'], ['demo', 'demo'], ['http://127.0.0.1:8765', 'paper']]) {
      const resolved = await resolveRunApiKeys({ env: { GRIDKEEPER_API_KEY: '', GRIDKEEPER_API_SECRET: '' }, keyStore, profile: undefined, endpoint: endpoint ?? '' })
      expect(resolved.keys).toEqual({ apiKey: `${profile?.toUpperCase()}-KEY-0123456789`, apiSecret: `${profile}-secret` })
      expect(resolved.source).toMatch(new RegExp(`^API key ${profile?.toUpperCase().slice(0, 4)}…6789 from profile "${profile}" in the OS keychain$`))
    }
  })

  it('come from the profile --profile names', async () => {
    const keyStore = await storeWith({ testnet: 'testnet-secret', 'sub-account-2': 'sub-secret' })
    const resolved = await resolveRunApiKeys({ env: {}, keyStore, profile: 'sub-account-2', endpoint: 'testnet' })
    expect(resolved.keys.apiSecret).toBe('sub-secret')
  })

  it('are missing with one error naming both ways, the profile included', async () => {
    const keyStore = await storeWith({ live: 'live-secret' })
    const error = await usageError(resolveRunApiKeys({ env: {}, keyStore, profile: undefined, endpoint: 'testnet' }))
    expect(error.message).toBe(
      'no API keys: set GRIDKEEPER_API_KEY and GRIDKEEPER_API_SECRET, or save the keys of profile "testnet" in the OS keychain with gridkeeper keys set --profile testnet'
    )
    const noStore = await usageError(resolveRunApiKeys({ env: {}, keyStore: undefined, profile: 'other', endpoint: 'live' }))
    expect(noStore.message).toContain('set GRIDKEEPER_API_KEY and GRIDKEEPER_API_SECRET, or save the keys of profile "other"')
  })

  it('are refused when only one of the two variables is set', async () => {
    const keyStore = await storeWith({ testnet: 'testnet-secret' })
    const onlyKey = await usageError(resolveRunApiKeys({ env: { GRIDKEEPER_API_KEY: 'k' }, keyStore, profile: undefined, endpoint: 'testnet' }))
    expect(onlyKey.message).toBe('GRIDKEEPER_API_KEY is set but GRIDKEEPER_API_SECRET is not: set both, or neither to use the keys of profile "testnet" in the OS keychain')
    const onlySecret = await usageError(resolveRunApiKeys({ env: { GRIDKEEPER_API_SECRET: 'top-secret' }, keyStore, profile: undefined, endpoint: 'testnet' }))
    expect(onlySecret.message).toMatch(/^GRIDKEEPER_API_SECRET is set but GRIDKEEPER_API_KEY is not/)
    expect(onlySecret.message).not.toContain('top-secret')
  })

  it('report a bad profile name, a corrupt entry and a missing keychain as usage errors, never quoting the secret', async () => {
    const keyStore = await storeWith({})
    expect((await usageError(resolveRunApiKeys({ env: ENV, keyStore, profile: 'Main', endpoint: 'live' }))).message).toMatch(/^profile names are 1 to 32/)
    keyStore.writeRawEntry('live', 'top-secret-garbage')
    const corrupt = await usageError(resolveRunApiKeys({ env: {}, keyStore, profile: undefined, endpoint: 'live' }))
    expect(corrupt.message).toMatch(/^the OS keychain entry of profile "live" cannot be read: it is not JSON/)
    expect(corrupt.message).not.toContain('top-secret')
    const unavailable: KeyStore = {
      save: async () => undefined,
      load: async () => {
        throw new KeychainUnavailableError('Cannot autolaunch D-Bus without X11 $DISPLAY')
      },
      remove: async () => false,
      list: async () => []
    }
    const noKeychain = await usageError(resolveRunApiKeys({ env: {}, keyStore: unavailable, profile: undefined, endpoint: 'live' }))
    expect(noKeychain.message).toBe(
      'the OS keychain is not available: Cannot autolaunch D-Bus without X11 $DISPLAY; set GRIDKEEPER_API_KEY and GRIDKEEPER_API_SECRET instead'
    )
  })
})
