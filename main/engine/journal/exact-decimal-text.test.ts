import { describe, expect, it } from 'vitest'
import { exactDecimalText, nullableExactDecimalText } from './exact-decimal-text'
import { isJournalDataError } from './journal-data-error'

describe('exactDecimalText', () => {
  it('passes exact decimal text through unchanged', () => {
    for (const value of ['0', '-0', '0.00100000', '96000.10', '-12.5', '123456789012345678901234.000000000000000001']) {
      expect(exactDecimalText(value, 'fills', 'price')).toBe(value)
    }
    expect(nullableExactDecimalText(null, 'intents', 'price')).toBeNull()
  })

  it('refuses exponents, signs other than minus, bare points, spaces, and numbers', () => {
    for (const value of ['1e-8', '1E5', '+1', '.5', '5.', ' 1', '1 ', '', 'NaN', 'Infinity', '0x10', '1,5', 0.1 as unknown as string]) {
      let caught: unknown
      try {
        exactDecimalText(value, 'fills', 'price')
      } catch (error) {
        caught = error
      }
      expect(isJournalDataError(caught), String(value)).toBe(true)
    }
  })
})
