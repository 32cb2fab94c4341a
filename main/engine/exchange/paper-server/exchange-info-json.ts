import type { Decimal } from '@shared/money/decimal'
import type { ExchangeFilters, ExchangeRules, LotSizeFilter, SymbolFilters, SymbolRules } from '../rules'
import type { RateLimitSettings } from './rate-limiter'
import { wireDecimal } from './wire-decimal'

type Json = Record<string, unknown>

/** Returns Binance's `rateLimits` entries for the server's limits. */
export function rateLimitsJson(limits: RateLimitSettings): Json[] {
  return [
    { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: limits.requestWeightPerMinute },
    { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: limits.ordersPer10Seconds },
    { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: limits.ordersPerDay },
    { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 300_000 }
  ]
}

/**
 * Writes exchange rules back as Binance's exchangeInfo response: fields in Binance's order,
 * filter thresholds as 8-decimal strings, and the fields and filters the parser did not know
 * passed through as they came.
 */
export function exchangeInfoJson(rules: ExchangeRules, symbols: readonly SymbolRules[], serverTimeMs: number, limits: RateLimitSettings): Json {
  return {
    timezone: 'UTC',
    serverTime: serverTimeMs,
    rateLimits: rateLimitsJson(limits),
    exchangeFilters: [...exchangeFiltersJson(rules.exchangeFilters), ...rules.unknownExchangeFilters.map((filter) => ({ ...filter.raw }))],
    symbols: symbols.map(symbolJson)
  }
}

/** Returns one symbol of exchangeInfo. */
export function symbolJson(rules: SymbolRules): Json {
  const capabilities = Object.fromEntries(Object.entries(rules.capabilities).filter(([, value]) => value !== undefined))
  return {
    symbol: rules.symbol,
    status: rules.status,
    baseAsset: rules.baseAsset,
    baseAssetPrecision: rules.baseAssetPrecision,
    quoteAsset: rules.quoteAsset,
    quotePrecision: rules.quoteAssetPrecision,
    quoteAssetPrecision: rules.quoteAssetPrecision,
    baseCommissionPrecision: rules.baseCommissionPrecision ?? rules.baseAssetPrecision,
    quoteCommissionPrecision: rules.quoteCommissionPrecision ?? rules.quoteAssetPrecision,
    orderTypes: [...rules.orderTypes],
    ...capabilities,
    filters: [...symbolFiltersJson(rules.filters), ...rules.unknownFilters.map((filter) => ({ ...filter.raw }))],
    permissions: [...rules.permissions],
    permissionSets: rules.permissionSets.map((set) => [...set]),
    ...(rules.defaultSelfTradePreventionMode !== undefined ? { defaultSelfTradePreventionMode: rules.defaultSelfTradePreventionMode } : {}),
    allowedSelfTradePreventionModes: [...rules.allowedSelfTradePreventionModes],
    ...rules.extraFields
  }
}

function symbolFiltersJson(filters: SymbolFilters): Json[] {
  const out: Json[] = []
  const price = filters.priceFilter
  if (price !== undefined) out.push({ filterType: 'PRICE_FILTER', minPrice: wireDecimal(price.minPrice), maxPrice: wireDecimal(price.maxPrice), tickSize: wireDecimal(price.tickSize) })
  if (filters.lotSize !== undefined) out.push(lotJson('LOT_SIZE', filters.lotSize))
  if (filters.icebergParts !== undefined) out.push({ filterType: 'ICEBERG_PARTS', limit: filters.icebergParts })
  if (filters.marketLotSize !== undefined) out.push(lotJson('MARKET_LOT_SIZE', filters.marketLotSize))
  if (filters.trailingDelta !== undefined) out.push({ filterType: 'TRAILING_DELTA', ...filters.trailingDelta })
  const percent = filters.percentPrice
  if (percent !== undefined) {
    out.push({ filterType: 'PERCENT_PRICE', multiplierUp: plain(percent.multiplierUp), multiplierDown: plain(percent.multiplierDown), avgPriceMins: percent.avgPriceMins })
  }
  const bySide = filters.percentPriceBySide
  if (bySide !== undefined) {
    out.push({
      filterType: 'PERCENT_PRICE_BY_SIDE',
      bidMultiplierUp: plain(bySide.bidMultiplierUp),
      bidMultiplierDown: plain(bySide.bidMultiplierDown),
      askMultiplierUp: plain(bySide.askMultiplierUp),
      askMultiplierDown: plain(bySide.askMultiplierDown),
      avgPriceMins: bySide.avgPriceMins
    })
  }
  const notional = filters.notional
  if (notional !== undefined) {
    out.push({
      filterType: 'NOTIONAL',
      minNotional: wireDecimal(notional.minNotional),
      applyMinToMarket: notional.applyMinToMarket,
      maxNotional: wireDecimal(notional.maxNotional),
      applyMaxToMarket: notional.applyMaxToMarket,
      avgPriceMins: notional.avgPriceMins
    })
  }
  const minNotional = filters.minNotional
  if (minNotional !== undefined) {
    out.push({ filterType: 'MIN_NOTIONAL', minNotional: wireDecimal(minNotional.minNotional), applyToMarket: minNotional.applyToMarket, avgPriceMins: minNotional.avgPriceMins })
  }
  if (filters.maxNumOrders !== undefined) out.push({ filterType: 'MAX_NUM_ORDERS', maxNumOrders: filters.maxNumOrders })
  if (filters.maxNumOrderLists !== undefined) out.push({ filterType: 'MAX_NUM_ORDER_LISTS', maxNumOrderLists: filters.maxNumOrderLists })
  if (filters.maxNumAlgoOrders !== undefined) out.push({ filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: filters.maxNumAlgoOrders })
  if (filters.maxNumIcebergOrders !== undefined) out.push({ filterType: 'MAX_NUM_ICEBERG_ORDERS', maxNumIcebergOrders: filters.maxNumIcebergOrders })
  if (filters.maxNumOrderAmends !== undefined) out.push({ filterType: 'MAX_NUM_ORDER_AMENDS', maxNumOrderAmends: filters.maxNumOrderAmends })
  if (filters.maxPosition !== undefined) out.push({ filterType: 'MAX_POSITION', maxPosition: wireDecimal(filters.maxPosition) })
  return out
}

function exchangeFiltersJson(filters: ExchangeFilters): Json[] {
  const out: Json[] = []
  if (filters.maxNumOrders !== undefined) out.push({ filterType: 'EXCHANGE_MAX_NUM_ORDERS', maxNumOrders: filters.maxNumOrders })
  if (filters.maxNumAlgoOrders !== undefined) out.push({ filterType: 'EXCHANGE_MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: filters.maxNumAlgoOrders })
  if (filters.maxNumIcebergOrders !== undefined) out.push({ filterType: 'EXCHANGE_MAX_NUM_ICEBERG_ORDERS', maxNumIcebergOrders: filters.maxNumIcebergOrders })
  if (filters.maxNumOrderLists !== undefined) out.push({ filterType: 'EXCHANGE_MAX_NUM_ORDER_LISTS', maxNumOrderLists: filters.maxNumOrderLists })
  return out
}

function lotJson(filterType: string, lot: LotSizeFilter): Json {
  return { filterType, minQty: wireDecimal(lot.minQty), maxQty: wireDecimal(lot.maxQty), stepSize: wireDecimal(lot.stepSize) }
}

// Binance writes multipliers unpadded ("5", "0.2")
function plain(value: Decimal): string {
  return value.toFixed()
}
