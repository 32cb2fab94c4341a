import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { gridPrices } from './grid-prices'

const d = (value: string) => new Decimal(value)

describe('gridPrices', () => {
  it('makes N + 1 arithmetic prices with equal differences, ends exact', () => {
    expect(gridPrices(d('100'), d('200'), 4, 'arithmetic').map((p) => p.toFixed())).toEqual(['100', '125', '150', '175', '200'])
    expect(gridPrices(d('1'), d('2'), 3, 'arithmetic').map((p) => p.toFixed(6))).toEqual(['1.000000', '1.333333', '1.666667', '2.000000'])
  })

  it('makes N + 1 geometric prices with equal ratios, ends exact', () => {
    const prices = gridPrices(d('100'), d('1600'), 4, 'geometric')
    expect(prices.map((p) => p.toFixed(20))).toEqual(['100', '200', '400', '800', '1600'].map((p) => d(p).toFixed(20)))
    expect(prices[4]?.toFixed()).toBe('1600')
  })

  it('keeps geometric ratios equal to many digits over 1,000 levels', () => {
    const prices = gridPrices(d('0.00001'), d('100000'), 1000, 'geometric')
    const first = prices[1]!.div(prices[0]!)
    const last = prices[1000]!.div(prices[999]!)
    expect(first.sub(last).abs().lt('1e-40')).toBe(true)
    expect(prices).toHaveLength(1001)
  })
})
