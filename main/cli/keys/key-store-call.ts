import { isKeyStoreError } from '../../keys/is-key-store-error'
import { CliUsageError } from '../cli-usage-error'

/**
 * Runs a KeyStore call, turning the errors it raises on purpose (bad profile name or keys, a
 * corrupt entry, no keychain) into a CliUsageError with the same message: one line, exit 2.
 */
export async function callKeyStore<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action()
  } catch (error) {
    if (isKeyStoreError(error)) throw new CliUsageError(error.message, { cause: error })
    throw error
  }
}
