import { Decimal } from '@shared/money/decimal'
import type { RawFilter } from '../../exchange/rules/stubs'
import type { GridSettings } from './grid-settings'

/** Grid settings for tests, from plain strings. */
export function settings(overrides: Partial<Record<keyof GridSettings, string | number>> = {}): GridSettings {
  const text = { lower: '100', upper: '200', grids: 4, spacing: 'arithmetic', investment: '1000', baseHeld: '0', price: '150', makerFee: '0.001', takerFee: '0.001', ...overrides }
  return {
    lower: new Decimal(text.lower),
    upper: new Decimal(text.upper),
    grids: Number(text.grids),
    spacing: text.spacing === 'geometric' ? 'geometric' : 'arithmetic',
    investment: new Decimal(text.investment),
    baseHeld: new Decimal(text.baseHeld),
    price: new Decimal(text.price),
    makerFee: new Decimal(text.makerFee),
    takerFee: new Decimal(text.takerFee)
  }
}

/** A plain symbol for planner tests: tick 0.01, step 0.001, minQty 0.001, NOTIONAL 5. */
export const PLAIN_FILTERS: readonly RawFilter[] = [
  { filterType: 'PRICE_FILTER', minPrice: '0.01', maxPrice: '100000', tickSize: '0.01' },
  { filterType: 'LOT_SIZE', minQty: '0.001', maxQty: '10000', stepSize: '0.001' },
  { filterType: 'NOTIONAL', minNotional: '5', applyMinToMarket: true, maxNotional: '9000000', applyMaxToMarket: false, avgPriceMins: 5 }
]
