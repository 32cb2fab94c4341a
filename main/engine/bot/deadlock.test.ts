import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { intentRecord } from '../journal/stubs'
import { diagnoseDeadlock } from './deadlock'

const d = (value: string) => new Decimal(value)
const failed = [
  intentRecord({ intentId: 'b-1', side: 'BUY', price: '100', quantity: '2' }),
  intentRecord({ intentId: 'b-2', side: 'BUY', price: '90', quantity: '2' }),
  intentRecord({ intentId: 's-1', side: 'SELL', price: '110', quantity: '3' })
]

describe('diagnoseDeadlock', () => {
  it('is a deadlock only when neither side can be funded', () => {
    expect(diagnoseDeadlock(failed, d('400'), d('0'), d('100'), 'USDT', 'BTC')).toBeUndefined()
    expect(diagnoseDeadlock(failed, d('0'), d('3'), d('100'), 'USDT', 'BTC')).toBeUndefined()
    expect(diagnoseDeadlock(failed, d('100'), d('1'), d('100'), 'USDT', 'BTC')).toBeDefined()
  })

  it('splits the bot\'s value in the proportion the two sides need, and says so', () => {
    // BUYs need 380 USDT, SELLs 3 BTC = 300 USDT; the bot has 100 USDT + 1 BTC = 200 USDT of value
    const diagnosis = diagnoseDeadlock(failed, d('100'), d('1'), d('100'), 'USDT', 'BTC')
    // It should hold 200 × 380 / 680 = 111.76… USDT: sell 0.1176… BTC
    expect(diagnosis?.rebalance?.side).toBe('SELL')
    expect(diagnosis?.rebalance?.quantity.toDecimalPlaces(6).toFixed()).toBe('0.117647')
    expect(diagnosis?.message).toBe('deadlock: BUYs need 380 USDT, 100 available; SELLs need 3 BTC, 1 available; rebalancing: SELL about 0.11764706 BTC')
  })
})
