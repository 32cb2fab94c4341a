import type { ValidationCollector } from './filter-violation'
import type { OrderRequest } from './order-request'
import type { SymbolFilters } from './symbol-rules'

/**
 * Checks TRAILING_DELTA: STOP_LOSS(_LIMIT) BUY and TAKE_PROFIT(_LIMIT) SELL trail above the
 * market and use the "above" band; STOP_LOSS(_LIMIT) SELL and TAKE_PROFIT(_LIMIT) BUY use "below".
 */
export function checkTrailingDelta(filters: SymbolFilters, order: OrderRequest, out: ValidationCollector): void {
  const filter = filters.trailingDelta
  const delta = order.trailingDelta
  if (filter === undefined || delta === undefined) return
  const isStopLoss = order.type === 'STOP_LOSS' || order.type === 'STOP_LOSS_LIMIT'
  const above = isStopLoss ? order.side === 'BUY' : order.side === 'SELL'
  const [min, max, band] = above
    ? [filter.minTrailingAboveDelta, filter.maxTrailingAboveDelta, 'Above']
    : [filter.minTrailingBelowDelta, filter.maxTrailingBelowDelta, 'Below']
  if (delta < min) {
    out.fail(
      { filter: 'TRAILING_DELTA', rule: `minTrailing${band}Delta`, field: 'trailingDelta', value: String(delta), limit: String(min) },
      `trailingDelta ${delta} is below minTrailing${band}Delta ${min}`
    )
  }
  if (delta > max) {
    out.fail(
      { filter: 'TRAILING_DELTA', rule: `maxTrailing${band}Delta`, field: 'trailingDelta', value: String(delta), limit: String(max) },
      `trailingDelta ${delta} is above maxTrailing${band}Delta ${max}`
    )
  }
}
