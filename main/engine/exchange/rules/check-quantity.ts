import { isMultipleOf } from '@shared/money/step'
import type { Decimal } from '@shared/money/decimal'
import type { ValidationCollector } from './filter-violation'
import type { OrderRequest } from './order-request'
import type { LotSizeFilter, SymbolFilters } from './symbol-rules'

/**
 * Checks LOT_SIZE (quantity and icebergQty, every order type), MARKET_LOT_SIZE (MARKET orders)
 * and ICEBERG_PARTS. Zero bounds and steps are disabled. A MARKET order by quoteOrderQty has its
 * quantity computed by the exchange, so its lot checks cannot run here.
 */
export function checkQuantity(filters: SymbolFilters, order: OrderRequest, out: ValidationCollector): void {
  if (order.quantity === undefined && order.quoteOrderQty !== undefined) {
    if (filters.lotSize !== undefined) out.skip('LOT_SIZE', 'the exchange computes the quantity of a quoteOrderQty order')
    if (filters.marketLotSize !== undefined) out.skip('MARKET_LOT_SIZE', 'the exchange computes the quantity of a quoteOrderQty order')
  }
  if (filters.lotSize !== undefined) {
    checkLot('LOT_SIZE', filters.lotSize, 'quantity', order.quantity, out)
    checkLot('LOT_SIZE', filters.lotSize, 'icebergQty', order.icebergQty, out)
  }
  if (filters.marketLotSize !== undefined && order.type === 'MARKET') {
    checkLot('MARKET_LOT_SIZE', filters.marketLotSize, 'quantity', order.quantity, out)
  }
  if (filters.icebergParts !== undefined && order.icebergQty !== undefined && order.quantity !== undefined && !order.icebergQty.isZero()) {
    const parts = order.quantity.div(order.icebergQty).ceil()
    if (parts.gt(filters.icebergParts)) {
      out.fail(
        { filter: 'ICEBERG_PARTS', rule: 'limit', field: 'icebergQty', value: parts.toFixed(), limit: String(filters.icebergParts) },
        `quantity ${order.quantity.toFixed()} in parts of ${order.icebergQty.toFixed()} makes ${parts.toFixed()} parts, more than ${filters.icebergParts}`
      )
    }
  }
}

function checkLot(filter: string, lot: LotSizeFilter, field: string, value: Decimal | undefined, out: ValidationCollector): void {
  if (value === undefined) return
  const text = value.toFixed()
  if (!lot.minQty.isZero() && value.lt(lot.minQty)) {
    out.fail({ filter, rule: 'minQty', field, value: text, limit: lot.minQty.toFixed() }, `${field} ${text} is below minQty ${lot.minQty.toFixed()}`)
  }
  if (!lot.maxQty.isZero() && value.gt(lot.maxQty)) {
    out.fail({ filter, rule: 'maxQty', field, value: text, limit: lot.maxQty.toFixed() }, `${field} ${text} is above maxQty ${lot.maxQty.toFixed()}`)
  }
  if (!isMultipleOf(value, lot.stepSize)) {
    out.fail(
      { filter, rule: 'stepSize', field, value: text, limit: lot.stepSize.toFixed() },
      `${field} ${text} is not a multiple of stepSize ${lot.stepSize.toFixed()}`
    )
  }
}
