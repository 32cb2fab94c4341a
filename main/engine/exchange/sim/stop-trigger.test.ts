import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { crossesLast, isTriggeredAt } from './stop-trigger'

const d = (value: string) => new Decimal(value)

describe('isTriggeredAt', () => {
  it('triggers a SELL stop-loss at or below the stop, a SELL take-profit at or above', () => {
    expect(isTriggeredAt('STOP_LOSS', 'SELL', d('90'), d('90'))).toBe(true)
    expect(isTriggeredAt('STOP_LOSS_LIMIT', 'SELL', d('90'), d('90.01'))).toBe(false)
    expect(isTriggeredAt('TAKE_PROFIT', 'SELL', d('110'), d('110'))).toBe(true)
    expect(isTriggeredAt('TAKE_PROFIT_LIMIT', 'SELL', d('110'), d('109.99'))).toBe(false)
  })

  it('mirrors both for BUY', () => {
    expect(isTriggeredAt('STOP_LOSS_LIMIT', 'BUY', d('110'), d('110.5'))).toBe(true)
    expect(isTriggeredAt('STOP_LOSS', 'BUY', d('110'), d('109'))).toBe(false)
    expect(isTriggeredAt('TAKE_PROFIT_LIMIT', 'BUY', d('90'), d('89'))).toBe(true)
    expect(isTriggeredAt('TAKE_PROFIT', 'BUY', d('90'), d('91'))).toBe(false)
  })
})

describe('crossesLast', () => {
  it('crosses only strictly through the last price', () => {
    expect(crossesLast('BUY', d('100.01'), d('100'))).toBe(true)
    expect(crossesLast('BUY', d('100'), d('100'))).toBe(false)
    expect(crossesLast('SELL', d('99.99'), d('100'))).toBe(true)
    expect(crossesLast('SELL', d('100'), d('100'))).toBe(false)
  })
})
