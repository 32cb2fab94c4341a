import { InvalidApiKeysError } from './invalid-api-keys-error'

/** The API key and secret of one exchange account. */
export interface ApiKeys {
  readonly apiKey: string
  /** An HMAC secret, or an Ed25519 or RSA private key in PEM (several lines). */
  readonly apiSecret: string
}

/** The longest API key accepted; Binance's are 64 characters. */
const MAX_KEY_LENGTH = 256

/** The longest secret accepted; a 4096-bit RSA key in PEM is about 3,300 characters. */
const MAX_SECRET_LENGTH = 16_384

/**
 * Returns the keys when the key is one token without whitespace and the secret has no surrounding
 * whitespace nor control characters other than line breaks (a PEM spans lines); otherwise throws
 * an InvalidApiKeysError. The messages never quote either value.
 */
export function validateApiKeys(keys: ApiKeys): ApiKeys {
  const { apiKey, apiSecret } = keys
  if (apiKey.length === 0) throw new InvalidApiKeysError('the API key is empty')
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(apiKey)) throw new InvalidApiKeysError('the API key contains whitespace or control characters')
  if (apiKey.length > MAX_KEY_LENGTH) throw new InvalidApiKeysError(`the API key is longer than ${MAX_KEY_LENGTH} characters`)
  if (apiSecret.length === 0) throw new InvalidApiKeysError('the API secret is empty')
  if (apiSecret.trim() !== apiSecret) throw new InvalidApiKeysError('the API secret starts or ends with whitespace')
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/.test(apiSecret)) {
    throw new InvalidApiKeysError('the API secret contains control characters other than line breaks')
  }
  if (apiSecret.length > MAX_SECRET_LENGTH) throw new InvalidApiKeysError(`the API secret is longer than ${MAX_SECRET_LENGTH} characters`)
  return keys
}
