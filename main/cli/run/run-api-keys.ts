import type { ApiKeys } from '../../keys/api-keys'
import type { KeyStore } from '../../keys/key-store'
import { isKeyStoreError } from '../../keys/is-key-store-error'
import { KeychainUnavailableError } from '../../keys/keychain-unavailable-error'
import { maskApiKey } from '../../keys/mask-api-key'
import { checkProfileName } from '../../keys/profile-name'
import { CliUsageError } from '../cli-usage-error'
import { callKeyStore } from '../keys/key-store-call'

/** Endpoints named on the command line; each has a key profile of the same name. */
const NAMED_ENDPOINTS: readonly string[] = ['live', 'testnet', 'demo']

/** The keys `gridkeeper run` trades with, and where they came from (no secret in it). */
export interface RunApiKeys {
  readonly keys: ApiKeys
  /** Where the keys came from, with the key masked, for the log. */
  readonly source: string
}

/** What decides where `gridkeeper run` takes its keys from. */
export interface RunApiKeysOptions {
  readonly env: Readonly<Record<string, string | undefined>>
  readonly keyStore: KeyStore | undefined
  /** The `--profile` option, when given. */
  readonly profile: string | undefined
  /** The `--endpoint` option as given. */
  readonly endpoint: string
}

/** Returns the key profile `gridkeeper run` uses when `--profile` is absent: the endpoint's name, or paper for a URL. */
export function defaultKeyProfile(endpoint: string): string {
  return NAMED_ENDPOINTS.includes(endpoint) ? endpoint : 'paper'
}

/**
 * Returns the keys for `gridkeeper run`: from GRIDKEEPER_API_KEY and GRIDKEEPER_API_SECRET when
 * both are set, otherwise from the key profile in the keychain (`--profile`, or the endpoint's
 * default). Throws a CliUsageError naming both ways when neither has them; never quotes the secret.
 */
export async function resolveRunApiKeys(options: RunApiKeysOptions): Promise<RunApiKeys> {
  const profile = await callKeyStore(async () => checkProfileName(options.profile ?? defaultKeyProfile(options.endpoint)))
  const apiKey = nonEmpty(options.env['GRIDKEEPER_API_KEY'])
  const apiSecret = nonEmpty(options.env['GRIDKEEPER_API_SECRET'])
  if (apiKey !== undefined && apiSecret !== undefined) {
    const unused = options.profile === undefined ? '' : ` (--profile ${profile} is not used)`
    return { keys: { apiKey, apiSecret }, source: `API key ${maskApiKey(apiKey)} from GRIDKEEPER_API_KEY and GRIDKEEPER_API_SECRET${unused}` }
  }
  if (apiKey !== undefined || apiSecret !== undefined) {
    const [set, unset] = apiKey !== undefined ? ['GRIDKEEPER_API_KEY', 'GRIDKEEPER_API_SECRET'] : ['GRIDKEEPER_API_SECRET', 'GRIDKEEPER_API_KEY']
    throw new CliUsageError(`${set} is set but ${unset} is not: set both, or neither to use the keys of profile "${profile}" in the OS keychain`)
  }
  const { keyStore } = options
  const keys = keyStore === undefined ? undefined : await loadProfile(keyStore, profile)
  if (keys === undefined) {
    throw new CliUsageError(
      `no API keys: set GRIDKEEPER_API_KEY and GRIDKEEPER_API_SECRET, or save the keys of profile "${profile}" in the OS keychain with gridkeeper keys set --profile ${profile}`
    )
  }
  return { keys, source: `API key ${maskApiKey(keys.apiKey)} from profile "${profile}" in the OS keychain` }
}

async function loadProfile(keyStore: KeyStore, profile: string): Promise<ApiKeys | undefined> {
  try {
    return await keyStore.load(profile)
  } catch (error) {
    if (error instanceof KeychainUnavailableError) {
      throw new CliUsageError(`${error.message}; set GRIDKEEPER_API_KEY and GRIDKEEPER_API_SECRET instead`, { cause: error })
    }
    if (isKeyStoreError(error)) throw new CliUsageError(error.message, { cause: error })
    throw error
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}
