import type { Decimal } from '@shared/money/decimal'
import { isMultipleOf } from '@shared/money/step'
import type { ValidationCollector } from './filter-violation'
import type { OrderContext, OrderRequest } from './order-request'
import type { SymbolFilters } from './symbol-rules'

/** Checks PRICE_FILTER on price and stopPrice; each part is disabled when it is zero. */
export function checkPriceFilter(filters: SymbolFilters, order: OrderRequest, out: ValidationCollector): void {
  const filter = filters.priceFilter
  if (filter === undefined) return
  for (const field of ['price', 'stopPrice'] as const) {
    const value = order[field]
    if (value === undefined || value.isZero()) continue
    const text = value.toFixed()
    if (!filter.minPrice.isZero() && value.lt(filter.minPrice)) {
      out.fail(
        { filter: 'PRICE_FILTER', rule: 'minPrice', field, value: text, limit: filter.minPrice.toFixed() },
        `${field} ${text} is below minPrice ${filter.minPrice.toFixed()}`
      )
    }
    if (!filter.maxPrice.isZero() && value.gt(filter.maxPrice)) {
      out.fail(
        { filter: 'PRICE_FILTER', rule: 'maxPrice', field, value: text, limit: filter.maxPrice.toFixed() },
        `${field} ${text} is above maxPrice ${filter.maxPrice.toFixed()}`
      )
    }
    if (!isMultipleOf(value, filter.tickSize)) {
      out.fail(
        { filter: 'PRICE_FILTER', rule: 'tickSize', field, value: text, limit: filter.tickSize.toFixed() },
        `${field} ${text} is not a multiple of tickSize ${filter.tickSize.toFixed()}`
      )
    }
  }
}

/**
 * Checks PERCENT_PRICE and PERCENT_PRICE_BY_SIDE on the limit price against the reference price.
 * MARKET-priced orders have no limit price; Binance bounds their execution by other means.
 * A zero upper multiplier is read as "no upper bound", since it would otherwise forbid every price.
 */
export function checkPercentPrice(filters: SymbolFilters, order: OrderRequest, context: OrderContext, out: ValidationCollector): void {
  const price = order.price
  if (price === undefined) return
  const bands: { filter: string; up: Decimal; down: Decimal; upRule: string; downRule: string }[] = []
  if (filters.percentPrice !== undefined) {
    const { multiplierUp, multiplierDown } = filters.percentPrice
    bands.push({ filter: 'PERCENT_PRICE', up: multiplierUp, down: multiplierDown, upRule: 'multiplierUp', downRule: 'multiplierDown' })
  }
  if (filters.percentPriceBySide !== undefined) {
    const side = filters.percentPriceBySide
    bands.push(
      order.side === 'BUY'
        ? { filter: 'PERCENT_PRICE_BY_SIDE', up: side.bidMultiplierUp, down: side.bidMultiplierDown, upRule: 'bidMultiplierUp', downRule: 'bidMultiplierDown' }
        : { filter: 'PERCENT_PRICE_BY_SIDE', up: side.askMultiplierUp, down: side.askMultiplierDown, upRule: 'askMultiplierUp', downRule: 'askMultiplierDown' }
    )
  }
  if (bands.length === 0) return
  const reference = context.referencePrice
  if (reference === undefined) {
    for (const band of bands) out.skip(band.filter, 'needs the reference or average price')
    return
  }
  const text = price.toFixed()
  for (const band of bands) {
    const low = reference.mul(band.down)
    if (price.lt(low)) {
      out.fail(
        { filter: band.filter, rule: band.downRule, field: 'price', value: text, limit: low.toFixed() },
        `price ${text} is below ${low.toFixed()} (${band.downRule} ${band.down.toFixed()} × reference ${reference.toFixed()})`
      )
    }
    if (band.up.isZero()) continue
    const high = reference.mul(band.up)
    if (price.gt(high)) {
      out.fail(
        { filter: band.filter, rule: band.upRule, field: 'price', value: text, limit: high.toFixed() },
        `price ${text} is above ${high.toFixed()} (${band.upRule} ${band.up.toFixed()} × reference ${reference.toFixed()})`
      )
    }
  }
}
