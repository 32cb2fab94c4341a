import type { ValidationCollector } from './filter-violation'
import { ALGO_TYPES, type OrderContext, type OrderRequest } from './order-request'
import type { SymbolFilters } from './symbol-rules'

/** A limit on open orders of some kind, and how many of them are open now. */
interface CountLimit {
  readonly filter: string
  readonly rule: string
  readonly limit: number | undefined
  readonly open: number | undefined
  readonly applies: boolean
  readonly what: string
}

/**
 * Checks the open-order count filters (MAX_NUM_ORDERS, MAX_NUM_ALGO_ORDERS,
 * MAX_NUM_ICEBERG_ORDERS and their EXCHANGE_ twins) and MAX_POSITION for one more order.
 * A count the context does not give is listed as unchecked, never assumed to be zero.
 */
export function checkCounts(filters: SymbolFilters, order: OrderRequest, context: OrderContext, out: ValidationCollector): void {
  const exchange = context.exchangeFilters ?? {}
  const isAlgo = ALGO_TYPES.has(order.type)
  const isIceberg = order.icebergQty !== undefined && !order.icebergQty.isZero()
  const limits: CountLimit[] = [
    { filter: 'MAX_NUM_ORDERS', rule: 'maxNumOrders', limit: filters.maxNumOrders, open: context.symbolOpenOrders, applies: true, what: 'open orders on this symbol' },
    { filter: 'MAX_NUM_ALGO_ORDERS', rule: 'maxNumAlgoOrders', limit: filters.maxNumAlgoOrders, open: context.symbolOpenAlgoOrders, applies: isAlgo, what: 'open stop/take-profit orders on this symbol' },
    { filter: 'MAX_NUM_ICEBERG_ORDERS', rule: 'maxNumIcebergOrders', limit: filters.maxNumIcebergOrders, open: context.symbolOpenIcebergOrders, applies: isIceberg, what: 'open iceberg orders on this symbol' },
    { filter: 'EXCHANGE_MAX_NUM_ORDERS', rule: 'maxNumOrders', limit: exchange.maxNumOrders, open: context.accountOpenOrders, applies: true, what: 'open orders on the account' },
    { filter: 'EXCHANGE_MAX_NUM_ALGO_ORDERS', rule: 'maxNumAlgoOrders', limit: exchange.maxNumAlgoOrders, open: context.accountOpenAlgoOrders, applies: isAlgo, what: 'open stop/take-profit orders on the account' },
    { filter: 'EXCHANGE_MAX_NUM_ICEBERG_ORDERS', rule: 'maxNumIcebergOrders', limit: exchange.maxNumIcebergOrders, open: context.accountOpenIcebergOrders, applies: isIceberg, what: 'open iceberg orders on the account' }
  ]
  for (const entry of limits) {
    if (!entry.applies || entry.limit === undefined) continue
    if (entry.open === undefined) {
      out.skip(entry.filter, `needs the number of ${entry.what}`)
      continue
    }
    if (entry.open + 1 > entry.limit) {
      out.fail(
        { filter: entry.filter, rule: entry.rule, field: 'openOrders', value: String(entry.open + 1), limit: String(entry.limit) },
        `this order would make ${entry.open + 1} ${entry.what}, more than ${entry.limit}`
      )
    }
  }
  checkMaxPosition(filters, order, context, out)
}

function checkMaxPosition(filters: SymbolFilters, order: OrderRequest, context: OrderContext, out: ValidationCollector): void {
  const max = filters.maxPosition
  if (max === undefined || order.side !== 'BUY') return
  if (context.basePosition === undefined) {
    out.skip('MAX_POSITION', 'needs the base position (balance plus open BUY quantity)')
    return
  }
  if (order.quantity === undefined) {
    out.skip('MAX_POSITION', 'the exchange computes the quantity of a quoteOrderQty order')
    return
  }
  const after = context.basePosition.add(order.quantity)
  if (after.gt(max)) {
    out.fail(
      { filter: 'MAX_POSITION', rule: 'maxPosition', field: 'position', value: after.toFixed(), limit: max.toFixed() },
      `position would reach ${after.toFixed()}, above maxPosition ${max.toFixed()}`
    )
  }
}
