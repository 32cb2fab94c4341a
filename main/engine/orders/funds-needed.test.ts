import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { simRules } from '../exchange/sim/stubs'
import { intentRecord } from '../journal/stubs'
import { fundsNeeded } from './funds-needed'

const rules = simRules().symbols.get('BTCUSDT')
if (rules === undefined) throw new Error('no BTCUSDT in the test rules')

describe('fundsNeeded', () => {
  it('sets aside a MARKET BUY at the last price plus the headroom it is given (2 % when none is)', () => {
    const buy = intentRecord({ side: 'BUY', type: 'MARKET', price: null, quantity: '0.01' })
    expect(fundsNeeded(buy, rules, new Decimal('60000')).amount.toFixed()).toBe('612')
    expect(fundsNeeded(buy, rules, new Decimal('60000'), new Decimal('1.1')).amount.toFixed()).toBe('660')
  })

  it('takes a SELL\'s base and a priced BUY\'s exact cost, without headroom', () => {
    expect(fundsNeeded(intentRecord({ side: 'SELL', quantity: '0.01' }), rules, undefined, new Decimal('1.5'))).toEqual({ asset: 'BTC', amount: new Decimal('0.01') })
    expect(fundsNeeded(intentRecord({ side: 'BUY', type: 'LIMIT', price: '59000', quantity: '0.01' }), rules, undefined, new Decimal('1.5')).amount.toFixed()).toBe('590')
  })
})
