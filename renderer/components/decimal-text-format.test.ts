import { describe, expect, it } from 'vitest'
import { formatAmount, formatExact, groupThousands } from './decimal-text-format'

describe('groupThousands', () => {
  it('separates the thousands of the whole part only', () => {
    expect(groupThousands('1234567.891234')).toBe('1,234,567.891234')
    expect(groupThousands('-12345')).toBe('-12,345')
    expect(groupThousands('999.5')).toBe('999.5')
  })
})

describe('formatExact', () => {
  it('shows a price at the tick size decimals, without the exchange padding', () => {
    expect(formatExact('60000.01000000', 2)).toBe('60,000.01')
    expect(formatExact('60300', 2)).toBe('60,300.00')
  })

  it('shows a quantity at the lot step decimals, never rounding a digit away', () => {
    expect(formatExact('0.00010000', 5)).toBe('0.00010')
    expect(formatExact('0.000123', 5)).toBe('0.000123')
  })

  it('drops the padding when no precision is known', () => {
    expect(formatExact('0.00100000', null)).toBe('0.001')
  })

  it('leaves text that is not a decimal as it is', () => {
    expect(formatExact('market', 2)).toBe('market')
  })
})

describe('formatAmount', () => {
  it('rounds money to the given decimals and names its asset', () => {
    expect(formatAmount('1012.15971429', 2, 'USDT')).toBe('1,012.16 USDT')
    expect(formatAmount('100.860346260887329', 2, 'USDT')).toBe('100.86 USDT')
  })

  it('never shows minus zero', () => {
    expect(formatAmount('-0.001', 2, 'USDT')).toBe('0.00 USDT')
    expect(formatAmount('-12.5', 0)).toBe('-12')
  })
})
