import type { Decimal } from '@shared/money/decimal'
import type { SymbolRules } from '../rules'

/** A change of one symbol's rules: any of its status, order types, tick size, lot step or minimum notional. */
export interface RulesChange {
  readonly status?: string
  readonly orderTypes?: readonly string[]
  /** PRICE_FILTER's tickSize (its minPrice follows when it was one tick). */
  readonly tickSize?: Decimal
  /** LOT_SIZE's stepSize (its minQty follows when it was one step). */
  readonly stepSize?: Decimal
  /** NOTIONAL's (and legacy MIN_NOTIONAL's) minNotional. */
  readonly minNotional?: Decimal
}

/** Returns the symbol's rules with the change applied; filters the symbol lacks stay absent. */
export function applyRulesChange(rules: SymbolRules, change: RulesChange): SymbolRules {
  const { priceFilter, lotSize, notional, minNotional } = rules.filters
  const tick = change.tickSize
  const step = change.stepSize
  const notionalMin = change.minNotional
  return {
    ...rules,
    ...(change.status !== undefined ? { status: change.status } : {}),
    ...(change.orderTypes !== undefined ? { orderTypes: [...change.orderTypes] } : {}),
    filters: {
      ...rules.filters,
      ...(priceFilter !== undefined && tick !== undefined
        ? { priceFilter: { ...priceFilter, tickSize: tick, minPrice: priceFilter.minPrice.eq(priceFilter.tickSize) ? tick : priceFilter.minPrice } }
        : {}),
      ...(lotSize !== undefined && step !== undefined ? { lotSize: { ...lotSize, stepSize: step, minQty: lotSize.minQty.eq(lotSize.stepSize) ? step : lotSize.minQty } } : {}),
      ...(notional !== undefined && notionalMin !== undefined ? { notional: { ...notional, minNotional: notionalMin } } : {}),
      ...(minNotional !== undefined && notionalMin !== undefined ? { minNotional: { ...minNotional, minNotional: notionalMin } } : {})
    }
  }
}
