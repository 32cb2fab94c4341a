import { describe, expect, it } from 'vitest'
import { priceDecimal, priceText, scaledText } from './price-text'

describe('priceText', () => {
  it('writes a scaled integer back as exact decimal text without trailing zeros', () => {
    expect(priceText({ scale: 2 }, 6000001)).toBe('60000.01')
    expect(priceText({ scale: 2 }, 6000000)).toBe('60000')
    expect(priceText({ scale: 8 }, 1234)).toBe('0.00001234')
    expect(priceText({ scale: 8 }, 6500010000000)).toBe('65000.1')
    expect(priceText({ scale: 0 }, 42)).toBe('42')
    expect(priceText({ scale: 12 }, 0)).toBe('0')
    expect(priceText({ scale: 2 }, Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91')
  })

  it('gives exact Decimals', () => {
    expect(priceDecimal({ scale: 8 }, 1234).toFixed()).toBe('0.00001234')
  })

  it('refuses a value that is not a stored price', () => {
    expect(() => scaledText(1.5, 2)).toThrow('a stored price must be a non-negative integer below 2^53, got 1.5')
    expect(() => scaledText(2 ** 53, 2)).toThrow(RangeError)
    expect(() => scaledText(-1, 2)).toThrow(RangeError)
  })
})
