import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { percentText, thresholdText } from './percent-text'

describe('percentText', () => {
  it('shows at most two decimals, a real minus sign, and a plus only when asked', () => {
    expect(percentText(new Decimal('-4.2'))).toBe('−4.2 %')
    expect(percentText(new Decimal('3.456'), { signed: true })).toBe('+3.46 %')
    expect(percentText(new Decimal('0.4'))).toBe('0.4 %')
    expect(percentText(new Decimal('-0.001'), { signed: true })).toBe('0 %')
  })

  it('shows more decimals when two would hide which side of the threshold the value is on', () => {
    const three = new Decimal('3')
    expect(percentText(new Decimal('-2.9999'), { threshold: three })).toBe('−2.9999 %')
    expect(percentText(new Decimal('3.0001'), { threshold: three })).toBe('3.0001 %')
    expect(percentText(new Decimal('3'), { threshold: three })).toBe('3 %')
    expect(percentText(new Decimal('2.5'), { threshold: three })).toBe('2.5 %')
  })
})

describe('thresholdText', () => {
  it('says beyond, at or under', () => {
    const threshold = new Decimal('1.5')
    expect(thresholdText(new Decimal('2'), threshold)).toBe('beyond the 1.5 % threshold')
    expect(thresholdText(new Decimal('1.5'), threshold, 'volatility threshold')).toBe('at the 1.5 % volatility threshold')
    expect(thresholdText(new Decimal('1'), threshold)).toBe('under the 1.5 % threshold')
  })
})
