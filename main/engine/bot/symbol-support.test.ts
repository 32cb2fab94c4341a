import { describe, expect, it } from 'vitest'
import { botConfig } from '@shared/config/bot-config'
import { BTCUSDT_FILTERS, symbolRules } from '../exchange/rules/stubs'
import { missingSymbolSupport } from './symbol-support'

const base = { id: 'b1', symbol: 'TESTUSDT', grid: { lower: '55000', upper: '65000', grids: 10, investment: '1000' } }
const withOco = botConfig({ ...base, risk: { stopLoss: '50000', takeProfit: '70000', ocoBackstop: true } })

describe('missingSymbolSupport', () => {
  it('finds nothing missing on a symbol that offers everything', () => {
    expect(missingSymbolSupport(withOco, symbolRules(BTCUSDT_FILTERS))).toEqual([])
  })

  it('refuses a backstop on a symbol without OCO lists, and a grid without LIMIT orders', () => {
    expect(missingSymbolSupport(withOco, symbolRules(BTCUSDT_FILTERS, { ocoAllowed: false }))).toEqual(['TESTUSDT does not allow OCO lists: turn risk.ocoBackstop off'])
    expect(missingSymbolSupport(botConfig(base), symbolRules(BTCUSDT_FILTERS, { orderTypes: ['MARKET'] }))).toEqual(['TESTUSDT has no LIMIT orders, which a grid is made of'])
  })

  it('does not need MARKET orders: rebalances and exits fall back to a re-priced LIMIT', () => {
    expect(missingSymbolSupport(withOco, symbolRules(BTCUSDT_FILTERS, { orderTypes: ['LIMIT', 'LIMIT_MAKER', 'STOP_LOSS_LIMIT'] }))).toEqual([])
  })

  it('refuses a symbol that is not trading', () => {
    expect(missingSymbolSupport(botConfig(base), symbolRules(BTCUSDT_FILTERS, { status: 'BREAK' }))).toEqual(['TESTUSDT is BREAK; only TRADING accepts new orders'])
  })
})
