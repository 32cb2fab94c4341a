import { describe, expect, it } from 'vitest'
import { validateApiKeys } from './api-keys'
import { InvalidApiKeysError } from './invalid-api-keys-error'

const PEM = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIFZ8kGMr0Cw7H6JpJWkWKYUeXGZsR8Vd3VfYB2Lx8fK3\n-----END PRIVATE KEY-----'

describe('validateApiKeys', () => {
  it('accepts an HMAC secret and a multi-line PEM private key', () => {
    expect(validateApiKeys({ apiKey: 'k'.repeat(64), apiSecret: 's'.repeat(64) })).toEqual({ apiKey: 'k'.repeat(64), apiSecret: 's'.repeat(64) })
    expect(validateApiKeys({ apiKey: 'key', apiSecret: PEM }).apiSecret).toBe(PEM)
    expect(validateApiKeys({ apiKey: 'key', apiSecret: PEM.replaceAll('\n', '\r\n') }).apiKey).toBe('key')
  })

  it.each([
    [{ apiKey: '', apiSecret: 's' }, 'the API key is empty'],
    [{ apiKey: ' key', apiSecret: 's' }, 'the API key contains whitespace or control characters'],
    [{ apiKey: 'ke\ny', apiSecret: 's' }, 'the API key contains whitespace or control characters'],
    [{ apiKey: 'k'.repeat(257), apiSecret: 's' }, 'the API key is longer than 256 characters'],
    [{ apiKey: 'key', apiSecret: '' }, 'the API secret is empty'],
    [{ apiKey: 'key', apiSecret: `${PEM}\n` }, 'the API secret starts or ends with whitespace'],
    [{ apiKey: 'key', apiSecret: ' secret' }, 'the API secret starts or ends with whitespace'],
    [{ apiKey: 'key', apiSecret: 'sec\tret' }, 'the API secret contains control characters other than line breaks'],
    [{ apiKey: 'key', apiSecret: 's'.repeat(16_385) }, 'the API secret is longer than 16384 characters']
  ])('refuses %j without quoting either value', (keys, message) => {
    let error: unknown
    try {
      validateApiKeys(keys)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(InvalidApiKeysError)
    expect((error as Error).message).toBe(message)
  })
})
