import { ValidationCollector, type OrderValidation } from './filter-violation'
import { ALGO_TYPES, type OrderContext, type OrderRequest } from './order-request'
import type { SymbolCapabilities, SymbolRules } from './symbol-rules'
import { validateOrder } from './validate-order'

/** Kinds of order list Binance Spot offers. */
export type OrderListKind = 'OCO' | 'OTO' | 'OTOCO' | 'OPO' | 'OPOCO'

/** An order list to place: its kind and its legs, in placement order. */
export interface OrderListRequest {
  readonly kind: OrderListKind
  readonly legs: readonly OrderRequest[]
}

const CAPABILITY: Readonly<Record<OrderListKind, keyof SymbolCapabilities>> = {
  OCO: 'ocoAllowed',
  OTO: 'otoAllowed',
  OTOCO: 'otoAllowed',
  OPO: 'opoAllowed',
  OPOCO: 'opoAllowed'
}

/**
 * Validates an order list: the symbol must offer the list kind, one more list must fit under
 * MAX_NUM_ORDER_LISTS and EXCHANGE_MAX_NUM_ORDER_LISTS, and every leg must pass validateOrder
 * with the legs before it already counted as open (a list adds all its orders to the counts).
 * The legs' price relationship is a rule of the list kind and is checked where lists are built.
 */
export function validateOrderList(rules: SymbolRules, list: OrderListRequest, context: OrderContext = {}): OrderValidation {
  const out = new ValidationCollector()
  const flag = CAPABILITY[list.kind]
  if (rules.capabilities[flag] === false) {
    out.fail(
      { filter: 'ORDER_TYPE', rule: flag, field: 'orderList', value: list.kind, limit: 'false' },
      `${rules.symbol} does not allow ${list.kind} order lists`
    )
  }
  checkListCount(out, 'MAX_NUM_ORDER_LISTS', rules.filters.maxNumOrderLists, context.symbolOpenOrderLists, 'open order lists on this symbol')
  checkListCount(out, 'EXCHANGE_MAX_NUM_ORDER_LISTS', context.exchangeFilters?.maxNumOrderLists, context.accountOpenOrderLists, 'open order lists on the account')

  let before = 0
  let algoBefore = 0
  list.legs.forEach((leg, index) => {
    const legContext: OrderContext = {
      ...context,
      ...addTo(context, 'symbolOpenOrders', before),
      ...addTo(context, 'accountOpenOrders', before),
      ...addTo(context, 'symbolOpenAlgoOrders', algoBefore),
      ...addTo(context, 'accountOpenAlgoOrders', algoBefore)
    }
    const result = validateOrder(rules, leg, legContext)
    for (const violation of result.violations) out.violations.push({ ...violation, message: `leg ${index + 1}: ${violation.message}` })
    for (const skipped of result.unchecked) {
      if (!out.unchecked.some((entry) => entry.filter === skipped.filter)) out.unchecked.push(skipped)
    }
    before += 1
    if (ALGO_TYPES.has(leg.type)) algoBefore += 1
  })
  return out.result()
}

function checkListCount(out: ValidationCollector, filter: string, limit: number | undefined, open: number | undefined, what: string): void {
  if (limit === undefined) return
  if (open === undefined) {
    out.skip(filter, `needs the number of ${what}`)
    return
  }
  if (open + 1 > limit) {
    out.fail(
      { filter, rule: 'maxNumOrderLists', field: 'openOrderLists', value: String(open + 1), limit: String(limit) },
      `this list would make ${open + 1} ${what}, more than ${limit}`
    )
  }
}

function addTo(context: OrderContext, key: 'symbolOpenOrders' | 'accountOpenOrders' | 'symbolOpenAlgoOrders' | 'accountOpenAlgoOrders', extra: number) {
  const value = context[key]
  return value === undefined ? {} : { [key]: value + extra }
}
