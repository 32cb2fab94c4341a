import type { ValidationCollector } from './filter-violation'
import type { OrderRequest } from './order-request'
import type { SymbolRules } from './symbol-rules'

/** Checks that the symbol accepts this kind of order at all: status, spot trading, order type, flags. */
export function checkSymbolAccepts(rules: SymbolRules, order: OrderRequest, out: ValidationCollector): void {
  if (rules.status !== 'TRADING') {
    out.fail(
      { filter: 'SYMBOL_STATUS', rule: 'status', field: 'symbol', value: rules.status, limit: 'TRADING' },
      `${rules.symbol} is ${rules.status}; only TRADING accepts new orders`
    )
  }
  if (rules.capabilities.isSpotTradingAllowed === false) {
    out.fail(
      { filter: 'SPOT_TRADING', rule: 'isSpotTradingAllowed', field: 'symbol', value: 'false', limit: 'true' },
      `${rules.symbol} does not allow spot trading`
    )
  }
  if (!rules.orderTypes.includes(order.type)) {
    out.fail(
      { filter: 'ORDER_TYPE', rule: 'orderTypes', field: 'type', value: order.type, limit: rules.orderTypes.join(',') },
      `${rules.symbol} does not allow ${order.type} orders (allowed: ${rules.orderTypes.join(', ')})`
    )
  }
  if (order.quoteOrderQty !== undefined && rules.capabilities.quoteOrderQtyMarketAllowed === false) {
    out.fail(
      { filter: 'ORDER_TYPE', rule: 'quoteOrderQtyMarketAllowed', field: 'quoteOrderQty', value: order.quoteOrderQty.toFixed(), limit: 'false' },
      `${rules.symbol} does not allow MARKET orders by quote quantity`
    )
  }
  if (order.icebergQty !== undefined && rules.capabilities.icebergAllowed === false) {
    out.fail(
      { filter: 'ORDER_TYPE', rule: 'icebergAllowed', field: 'icebergQty', value: order.icebergQty.toFixed(), limit: 'false' },
      `${rules.symbol} does not allow iceberg orders`
    )
  }
  if (order.trailingDelta !== undefined && rules.capabilities.allowTrailingStop === false) {
    out.fail(
      { filter: 'ORDER_TYPE', rule: 'allowTrailingStop', field: 'trailingDelta', value: String(order.trailingDelta), limit: 'false' },
      `${rules.symbol} does not allow trailing stops`
    )
  }
}
