import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import type { OrderRequest } from './order-request'
import { symbolRules } from './stubs'
import { validateOrderList, type OrderListRequest } from './validate-order-list'

const d = (value: string) => new Decimal(value)
const takeProfit: OrderRequest = { side: 'SELL', type: 'LIMIT_MAKER', price: d('120'), quantity: d('1') }
const stopLoss: OrderRequest = { side: 'SELL', type: 'STOP_LOSS_LIMIT', price: d('89'), stopPrice: d('90'), quantity: d('1') }
const oco: OrderListRequest = { kind: 'OCO', legs: [takeProfit, stopLoss] }

const filters = [
  { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 10 },
  { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 5 },
  { filterType: 'MAX_NUM_ORDER_LISTS', maxNumOrderLists: 20 }
]
const counts = { symbolOpenOrders: 0, symbolOpenAlgoOrders: 0, symbolOpenOrderLists: 0 }

describe('validateOrderList', () => {
  it('accepts an OCO that fits every count', () => {
    expect(validateOrderList(symbolRules(filters), oco, counts)).toMatchObject({ ok: true, violations: [] })
  })

  it('refuses a list past MAX_NUM_ORDER_LISTS and allows the one that reaches it', () => {
    const rules = symbolRules(filters)
    expect(validateOrderList(rules, oco, { ...counts, symbolOpenOrderLists: 19 }).ok).toBe(true)
    const refused = validateOrderList(rules, oco, { ...counts, symbolOpenOrderLists: 20 })
    expect(refused.violations.map((v) => v.filter)).toEqual(['MAX_NUM_ORDER_LISTS'])
  })

  it('counts both legs against MAX_NUM_ORDERS: with 9 open only the second leg breaks it', () => {
    const result = validateOrderList(symbolRules(filters), oco, { ...counts, symbolOpenOrders: 9 })
    expect(result.violations.map((v) => v.message)).toEqual(['leg 2: MAX_NUM_ORDERS: this order would make 11 open orders on this symbol, more than 10'])
  })

  it('checks EXCHANGE_MAX_NUM_ORDER_LISTS on the account', () => {
    const context = { ...counts, accountOpenOrderLists: 20, exchangeFilters: { maxNumOrderLists: 20 } }
    expect(validateOrderList(symbolRules(filters), oco, context).violations.map((v) => v.filter)).toEqual(['EXCHANGE_MAX_NUM_ORDER_LISTS'])
  })

  it('refuses a list kind the symbol does not offer', () => {
    const result = validateOrderList(symbolRules(filters, { ocoAllowed: false }), oco, counts)
    expect(result.violations.map((v) => `${v.filter}.${v.rule}`)).toEqual(['ORDER_TYPE.ocoAllowed'])
  })
})
