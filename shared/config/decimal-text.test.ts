import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Decimal } from '../money/decimal'
import { decimalTextProblem, validDecimal } from './decimal-text'

describe('decimalTextProblem', () => {
  it('takes plain non-negative decimals of up to 20 digits each side of the point', () => {
    for (const text of ['0', '55000', '0.001', '5.', '.5', `${'9'.repeat(20)}.${'9'.repeat(20)}`]) expect([text, decimalTextProblem(text, '1')]).toEqual([text, undefined])
  })

  it('says what is wrong with anything else, as what the setting must be', () => {
    expect(decimalTextProblem('', '55000')).toBe('is empty: write a number like 55000')
    expect(decimalTextProblem('-5', '55000')).toBe('must not be negative')
    expect(decimalTextProblem('+5', '55000')).toBe('must be written without a sign, like 55000')
    expect(decimalTextProblem('1e3', '55000')).toBe('must be written out in full, like 55000, not with an exponent')
    expect(decimalTextProblem('.', '55000')).toBe('must be a number like 55000, not "."')
    expect(decimalTextProblem('1'.repeat(21), '55000')).toBe('has too many digits: at most 20 before the decimal point and 20 after')
    expect(decimalTextProblem(`1.${'0'.repeat(900_000)}`, '55000')).toBe('has too many digits: at most 20 before the decimal point and 20 after')
  })

  it('never throws, and what it takes is a decimal read exactly (property, fixed seed)', () => {
    const text = fc.oneof(fc.string({ maxLength: 50 }), fc.stringMatching(/^[-+]?[0-9]{0,22}(\.[0-9]{0,22})?([eE][-+]?[0-9]{1,3})?$/))
    fc.assert(
      fc.property(text, (candidate) => {
        const problem = decimalTextProblem(candidate, '1')
        const value = validDecimal(candidate)
        if (problem !== undefined || candidate.trim() !== candidate) return
        expect(value).toBeInstanceOf(Decimal)
        expect(value?.eq(new Decimal(candidate))).toBe(true)
      }),
      { seed: 20_261_128, numRuns: 500 }
    )
  })
})
