import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { BTCUSDT_FILTERS, symbolRules } from '../../exchange/rules/stubs'
import { counterOrderOf } from './counter-order'

const RULES = symbolRules(BTCUSDT_FILTERS, { baseAsset: 'BTC', quoteAsset: 'USDT' })
const d = (value: string) => new Decimal(value)

describe('counterOrderOf', () => {
  it('answers a BUY with a SELL one level up for the quantity received net of a base commission', () => {
    const counter = counterOrderOf({ side: 'BUY', level: 3, quantity: d('0.00184'), commission: d('0.00000184'), commissionAsset: 'BTC' }, 11, RULES)
    expect(counter).toMatchObject({ level: 4, side: 'SELL' })
    expect([counter?.quantity.toFixed(), counter?.dust.toFixed()]).toEqual(['0.00183', '0.00000816'])
  })

  it('answers a BUY whose commission was paid in another asset with the whole quantity', () => {
    const counter = counterOrderOf({ side: 'BUY', level: 3, quantity: d('0.00184'), commission: d('0.0001'), commissionAsset: 'BNB' }, 11, RULES)
    expect([counter?.quantity.toFixed(), counter?.dust.toFixed()]).toEqual(['0.00184', '0'])
  })

  it('answers a SELL with a BUY of the same quantity one level down', () => {
    const counter = counterOrderOf({ side: 'SELL', level: 4, quantity: d('0.00183'), commission: d('0.1'), commissionAsset: 'USDT' }, 11, RULES)
    expect(counter).toMatchObject({ level: 3, side: 'BUY' })
    expect(counter?.quantity.toFixed()).toBe('0.00183')
  })

  it('has no counter beyond the edges of the grid', () => {
    expect(counterOrderOf({ side: 'BUY', level: 10, quantity: d('1'), commission: d('0'), commissionAsset: 'BTC' }, 11, RULES)).toBeUndefined()
    expect(counterOrderOf({ side: 'SELL', level: 0, quantity: d('1'), commission: d('0'), commissionAsset: 'USDT' }, 11, RULES)).toBeUndefined()
  })
})
