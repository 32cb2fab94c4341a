import { describe, expect, it } from 'vitest'
import { decodeApiKeysEntry, encodeApiKeysEntry } from './api-keys-entry'
import { CorruptKeychainEntryError } from './corrupt-keychain-entry-error'

const SECRET = '-----BEGIN PRIVATE KEY-----\nTOP-SECRET-BODY\n-----END PRIVATE KEY-----'

describe('the keychain entry of a profile', () => {
  it('is the JSON object {"apiKey","apiSecret"} and reads back as written, line breaks included', () => {
    const text = encodeApiKeysEntry({ apiKey: 'key-1', apiSecret: SECRET })
    expect(JSON.parse(text)).toEqual({ apiKey: 'key-1', apiSecret: SECRET })
    expect(decodeApiKeysEntry('testnet', text)).toEqual({ apiKey: 'key-1', apiSecret: SECRET })
  })

  it.each([
    ['TOP-SECRET-BODY', 'it is not JSON'],
    ['"TOP-SECRET-BODY"', 'it is not a JSON object'],
    ['["TOP-SECRET-BODY"]', 'it is not a JSON object'],
    ['{"apiKey":"k","secret":"TOP-SECRET-BODY"}', 'it lacks the string fields apiKey and apiSecret'],
    ['{"apiKey":"k","apiSecret":" TOP-SECRET-BODY"}', 'the API secret starts or ends with whitespace']
  ])('refuses %s naming the profile and the problem, never the content', (text, problem) => {
    let error: unknown
    try {
      decodeApiKeysEntry('testnet', text)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(CorruptKeychainEntryError)
    expect((error as CorruptKeychainEntryError).profile).toBe('testnet')
    expect((error as Error).message).toBe(
      `the OS keychain entry of profile "testnet" cannot be read: ${problem}; it was left as it is (save the keys again or delete the profile)`
    )
    expect((error as Error).message).not.toContain('TOP-SECRET')
    expect((error as Error).cause).toBeUndefined()
  })
})
