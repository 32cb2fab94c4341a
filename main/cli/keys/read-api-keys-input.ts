import type { ApiKeys } from '../../keys/api-keys'
import { CliUsageError } from '../cli-usage-error'

/**
 * Reads the API key from the first line of `gridkeeper keys set`'s standard input and the secret
 * from the rest, so a PEM private key can follow the key; surrounding whitespace and Windows line
 * ends are dropped. The KeyStore validates the values; messages here never quote them.
 */
export function readApiKeysInput(text: string): ApiKeys {
  const lines = text.replace(/\r\n?/g, '\n')
  if (lines.trim() === '') {
    throw new CliUsageError('standard input is empty: give the API key on the first line and the secret after it')
  }
  const end = lines.indexOf('\n')
  const apiKey = (end === -1 ? lines : lines.slice(0, end)).trim()
  const apiSecret = end === -1 ? '' : lines.slice(end + 1).trim()
  if (apiKey === '') throw new CliUsageError('the first line of standard input is empty: it must be the API key')
  if (apiSecret === '') throw new CliUsageError('no API secret on standard input: give it after the API key, from the second line on')
  return { apiKey, apiSecret }
}
