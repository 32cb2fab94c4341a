import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { BTCUSDT_FILTERS, symbolRules } from '../exchange/rules/stubs'
import { recenteredRange } from './recentered-range'

const RULES = symbolRules(BTCUSDT_FILTERS)
const d = (value: string) => new Decimal(value)
const text = (range: { lower: Decimal; upper: Decimal }) => [range.lower.toFixed(), range.upper.toFixed()]

describe('recenteredRange', () => {
  it('keeps an arithmetic range\'s width around the price', () => {
    expect(text(recenteredRange(d('55000'), d('65000'), d('70000'), 'arithmetic', RULES))).toEqual(['65000', '75000'])
  })

  it('keeps a geometric range\'s ratio around the price, on the tick', () => {
    const range = recenteredRange(d('100'), d('400'), d('1000'), 'geometric', RULES)
    expect(text(range)).toEqual(['500', '2000'])
  })

  it('keeps the ratio instead of reaching zero', () => {
    const range = recenteredRange(d('55000'), d('65000'), d('4000'), 'arithmetic', RULES)
    expect(range.lower.gt(0)).toBe(true)
    expect(range.upper.div(range.lower).toDecimalPlaces(3).toFixed()).toBe('1.182')
  })
})
