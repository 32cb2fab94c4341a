import { checkCounts } from './check-counts'
import { checkNotional } from './check-notional'
import { checkParameters } from './check-parameters'
import { checkPercentPrice, checkPriceFilter } from './check-price'
import { checkQuantity } from './check-quantity'
import { checkSymbolAccepts } from './check-symbol'
import { checkTrailingDelta } from './check-trailing-delta'
import { ValidationCollector, type OrderValidation } from './filter-violation'
import type { OrderContext, OrderRequest } from './order-request'
import type { SymbolRules } from './symbol-rules'

/**
 * Validates one new order against every rule of its symbol that applies to it, the way Binance
 * would, and returns every broken rule (not only the first) plus the checks the context could not
 * support. Never throws for a bad order; the caller decides what a violation means.
 */
export function validateOrder(rules: SymbolRules, order: OrderRequest, context: OrderContext = {}): OrderValidation {
  const out = new ValidationCollector()
  checkSymbolAccepts(rules, order, out)
  checkParameters(rules, order, out)
  checkPriceFilter(rules.filters, order, out)
  checkPercentPrice(rules.filters, order, context, out)
  checkQuantity(rules.filters, order, out)
  checkNotional(rules.filters, order, context, out)
  checkCounts(rules.filters, order, context, out)
  checkTrailingDelta(rules.filters, order, out)
  return out.result()
}
