import type { Decimal } from '@shared/money/decimal'
import type { ValidationCollector } from './filter-violation'
import { MARKET_PRICED_TYPES, type OrderContext, type OrderRequest } from './order-request'
import type { SymbolFilters } from './symbol-rules'

/** The notional Binance checks, and whether it was computed at a market (reference) price. */
interface Notional {
  readonly value: Decimal
  readonly atMarket: boolean
  readonly how: string
}

/**
 * Checks MIN_NOTIONAL (legacy) and NOTIONAL. A limit-priced order's notional is price × quantity.
 * A MARKET-priced order's notional is its quoteOrderQty, or quantity × the reference price, and
 * each bound applies to it only when the filter's applyToMarket / applyMinToMarket /
 * applyMaxToMarket says so. A zero maxNotional is read as "no maximum".
 */
export function checkNotional(filters: SymbolFilters, order: OrderRequest, context: OrderContext, out: ValidationCollector): void {
  const { minNotional, notional } = filters
  if (minNotional === undefined && notional === undefined) return
  const atMarket = MARKET_PRICED_TYPES.has(order.type)
  const appliesAtAll =
    !atMarket ||
    (minNotional?.applyToMarket ?? false) ||
    (notional?.applyMinToMarket ?? false) ||
    (notional?.applyMaxToMarket ?? false)
  if (!appliesAtAll) return
  const computed = computeNotional(order, context, atMarket)
  if (computed === undefined) {
    if (minNotional !== undefined) out.skip('MIN_NOTIONAL', 'needs the reference or average price for a MARKET-priced order')
    if (notional !== undefined) out.skip('NOTIONAL', 'needs the reference or average price for a MARKET-priced order')
    return
  }
  const text = computed.value.toFixed()
  if (minNotional !== undefined && (!computed.atMarket || minNotional.applyToMarket) && computed.value.lt(minNotional.minNotional)) {
    out.fail(
      { filter: 'MIN_NOTIONAL', rule: 'minNotional', field: 'notional', value: text, limit: minNotional.minNotional.toFixed() },
      `notional ${text} (${computed.how}) is below minNotional ${minNotional.minNotional.toFixed()}`
    )
  }
  if (notional === undefined) return
  if ((!computed.atMarket || notional.applyMinToMarket) && computed.value.lt(notional.minNotional)) {
    out.fail(
      { filter: 'NOTIONAL', rule: 'minNotional', field: 'notional', value: text, limit: notional.minNotional.toFixed() },
      `notional ${text} (${computed.how}) is below minNotional ${notional.minNotional.toFixed()}`
    )
  }
  const max = notional.maxNotional
  if (!max.isZero() && (!computed.atMarket || notional.applyMaxToMarket) && computed.value.gt(max)) {
    out.fail(
      { filter: 'NOTIONAL', rule: 'maxNotional', field: 'notional', value: text, limit: max.toFixed() },
      `notional ${text} (${computed.how}) is above maxNotional ${max.toFixed()}`
    )
  }
}

function computeNotional(order: OrderRequest, context: OrderContext, atMarket: boolean): Notional | undefined {
  if (!atMarket) {
    if (order.price === undefined || order.quantity === undefined) return undefined
    return { value: order.price.mul(order.quantity), atMarket, how: 'price × quantity' }
  }
  if (order.quoteOrderQty !== undefined) return { value: order.quoteOrderQty, atMarket, how: 'quoteOrderQty' }
  if (order.quantity === undefined || context.referencePrice === undefined) return undefined
  return { value: order.quantity.mul(context.referencePrice), atMarket, how: 'quantity × reference price' }
}
