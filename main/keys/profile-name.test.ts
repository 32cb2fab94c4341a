import { describe, expect, it } from 'vitest'
import { InvalidProfileNameError } from './invalid-profile-name-error'
import { checkProfileName } from './profile-name'

describe('checkProfileName', () => {
  it.each(['live', 'testnet', 'demo', 'paper', 'my-sub-account-2', '0', 'a'.repeat(32)])('accepts %s', (name) => {
    expect(checkProfileName(name)).toBe(name)
  })

  it.each(['', 'Live', '-live', 'live_1', 'live 1', 'live/1', 'a'.repeat(33), 'ünicode', 'live\n'])('refuses %j, naming the rule', (name) => {
    expect(() => checkProfileName(name)).toThrow(InvalidProfileNameError)
    expect(() => checkProfileName(name)).toThrow(/profile names are 1 to 32 lowercase letters, digits and hyphens, starting with a letter or digit; got "/)
  })
})
