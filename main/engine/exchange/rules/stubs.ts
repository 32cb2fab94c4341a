import { parseExchangeInfo } from './parse-exchange-info'
import type { SymbolRules } from './symbol-rules'

/** A raw exchangeInfo filter entry for tests. */
export type RawFilter = Readonly<Record<string, unknown>> & { readonly filterType: string }

/** Builds a raw exchangeInfo symbol with the given filters (and field overrides) for tests. */
export function rawSymbol(filters: readonly RawFilter[], overrides: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    symbol: 'TESTUSDT',
    status: 'TRADING',
    baseAsset: 'TEST',
    baseAssetPrecision: 8,
    quoteAsset: 'USDT',
    quoteAssetPrecision: 8,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'],
    icebergAllowed: true,
    ocoAllowed: true,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: true,
    isSpotTradingAllowed: true,
    filters,
    permissionSets: [['SPOT']],
    ...overrides
  }
}

/** Parses one raw symbol into rules for tests; fails the test if the parser refused it. */
export function symbolRules(filters: readonly RawFilter[], overrides: Readonly<Record<string, unknown>> = {}): SymbolRules {
  const raw = rawSymbol(filters, overrides)
  const rules = parseExchangeInfo({ symbols: [raw] }).symbols.get(String(raw['symbol']))
  if (rules === undefined) throw new Error('test symbol was refused by the parser')
  return rules
}

/** A BTCUSDT-like filter set from a 2024 response: tick 0.01, step 0.00001, NOTIONAL 5. */
export const BTCUSDT_FILTERS: readonly RawFilter[] = [
  { filterType: 'PRICE_FILTER', minPrice: '0.01000000', maxPrice: '1000000.00000000', tickSize: '0.01000000' },
  { filterType: 'LOT_SIZE', minQty: '0.00001000', maxQty: '9000.00000000', stepSize: '0.00001000' },
  { filterType: 'ICEBERG_PARTS', limit: 10 },
  { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: '129.84957276', stepSize: '0.00000000' },
  { filterType: 'TRAILING_DELTA', minTrailingAboveDelta: 10, maxTrailingAboveDelta: 2000, minTrailingBelowDelta: 10, maxTrailingBelowDelta: 2000 },
  { filterType: 'PERCENT_PRICE_BY_SIDE', bidMultiplierUp: '5', bidMultiplierDown: '0.2', askMultiplierUp: '5', askMultiplierDown: '0.2', avgPriceMins: 5 },
  { filterType: 'NOTIONAL', minNotional: '5.00000000', applyMinToMarket: true, maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5 },
  { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
  { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 5 }
]
