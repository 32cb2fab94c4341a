import { describe, expect, it } from 'vitest'
import { quotedInput } from './quoted-input'

describe('quotedInput', () => {
  it('quotes short text, escaping what would break the line', () => {
    expect(quotedInput('abc')).toBe('"abc"')
    expect(quotedInput('a\nb\u0000')).toBe('"a\\nb\\u0000"')
  })

  it('cuts long text to 32 characters and says how long it was', () => {
    expect(quotedInput('x'.repeat(900_000))).toBe(`"${'x'.repeat(32)}…" (900000 characters)`)
    expect(quotedInput('y'.repeat(32))).toBe(`"${'y'.repeat(32)}"`)
  })

  it('names what is not text by its kind', () => {
    expect([quotedInput(5), quotedInput(true), quotedInput(null), quotedInput(undefined), quotedInput([1]), quotedInput({ a: 1 })]).toEqual(['5', 'true', 'null', 'nothing', 'a list', 'a group of values'])
  })
})
