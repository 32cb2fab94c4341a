import { describe, expect, test } from 'vitest'
import { pricePrecision } from './price-precision'

describe('pricePrecision', () => {
  test('ignores the zeros Binance pads prices with', () => {
    expect(pricePrecision(['60000.01000000', '59999.50000000'])).toBe(2)
  })

  test('shows enough decimals for a low-priced asset', () => {
    expect(pricePrecision(['0.00001234', '0.00001240'])).toBe(8)
  })

  test('shows at least two decimals, at most ten', () => {
    expect(pricePrecision(['60000', '60001.0'])).toBe(2)
    expect(pricePrecision([])).toBe(2)
    expect(pricePrecision(['0.000000000001'])).toBe(10)
  })
})
