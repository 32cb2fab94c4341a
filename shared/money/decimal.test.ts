import { describe, expect, it } from 'vitest'
import { Decimal, formatDecimal, isPlainDecimal, tryParseDecimal } from './decimal'

describe('decimal parsing and formatting', () => {
  it('accepts plain decimal text and finite JSON numbers', () => {
    expect(tryParseDecimal('0.00000100')?.toFixed()).toBe('0.000001')
    expect(tryParseDecimal(' 12 ')?.toFixed()).toBe('12')
    expect(tryParseDecimal(200)?.toFixed()).toBe('200')
  })

  it('refuses exponents, NaN, Infinity, empty text and other types', () => {
    for (const bad of ['1e-8', 'NaN', 'Infinity', '', '1.2.3', '0x10', null, true, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(tryParseDecimal(bad)).toBeUndefined()
    }
    expect(isPlainDecimal('1e5')).toBe(false)
  })

  it('always formats in plain notation, never with an exponent', () => {
    expect(new Decimal('0.00000001').toString()).toBe('0.00000001')
    expect(formatDecimal(new Decimal('1e-12'))).toBe('0.000000000001')
    expect(formatDecimal(new Decimal('123456789012345678901234'))).toBe('123456789012345678901234')
    expect(formatDecimal(new Decimal('1.23456789'), 4)).toBe('1.2345')
  })
})
