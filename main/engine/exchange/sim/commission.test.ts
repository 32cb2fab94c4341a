import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { commissionFor } from './commission'

const d = (value: string) => new Decimal(value)

describe('commissionFor', () => {
  it('is exact when the product fits 8 decimals', () => {
    expect(commissionFor(d('0.5'), d('0.001')).toFixed()).toBe('0.0005')
    expect(commissionFor(d('1234.5'), d('0.00075')).toFixed()).toBe('0.925875')
  })

  it('rounds a ninth decimal up, against the account', () => {
    expect(commissionFor(d('0.00001'), d('0.001')).toFixed()).toBe('0.00000001')
    expect(commissionFor(d('0.00012345'), d('0.001')).toFixed()).toBe('0.00000013')
  })

  it('is zero at a zero rate', () => {
    expect(commissionFor(d('5'), d('0')).isZero()).toBe(true)
  })
})
