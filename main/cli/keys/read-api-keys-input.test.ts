import { describe, expect, it } from 'vitest'
import { readApiKeysInput } from './read-api-keys-input'

describe('readApiKeysInput', () => {
  it('takes the first line as the key and the rest as the secret, trimmed', () => {
    expect(readApiKeysInput('key\nsecret\n')).toEqual({ apiKey: 'key', apiSecret: 'secret' })
    expect(readApiKeysInput('  key  \r\n  secret\r\n\r\n')).toEqual({ apiKey: 'key', apiSecret: 'secret' })
    expect(readApiKeysInput('key\n-----BEGIN PRIVATE KEY-----\r\nAAA\r\n-----END PRIVATE KEY-----\r\n')).toEqual({
      apiKey: 'key',
      apiSecret: '-----BEGIN PRIVATE KEY-----\nAAA\n-----END PRIVATE KEY-----'
    })
  })
})
