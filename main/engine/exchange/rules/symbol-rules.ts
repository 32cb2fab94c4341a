import type { Decimal } from '@shared/money/decimal'

/** Symbol statuses Binance documents; other values are kept as they come and reported. */
export const KNOWN_SYMBOL_STATUSES = ['TRADING', 'END_OF_DAY', 'HALT', 'BREAK', 'CANCEL_ONLY'] as const

/** Order types Binance Spot documents. */
export const KNOWN_ORDER_TYPES = [
  'LIMIT',
  'LIMIT_MAKER',
  'MARKET',
  'STOP_LOSS',
  'STOP_LOSS_LIMIT',
  'TAKE_PROFIT',
  'TAKE_PROFIT_LIMIT'
] as const

/** Self-trade-prevention modes Binance Spot documents. */
export const KNOWN_STP_MODES = ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH', 'DECREMENT', 'TRANSFER'] as const

/** A documented order type. */
export type OrderType = (typeof KNOWN_ORDER_TYPES)[number]

/** PRICE_FILTER: bounds and tick for price and stopPrice; each part is disabled when zero. */
export interface PriceFilter {
  readonly minPrice: Decimal
  readonly maxPrice: Decimal
  readonly tickSize: Decimal
}

/** PERCENT_PRICE: price band around the reference price for both sides. */
export interface PercentPriceFilter {
  readonly multiplierUp: Decimal
  readonly multiplierDown: Decimal
  readonly avgPriceMins: number
}

/** PERCENT_PRICE_BY_SIDE: price band around the reference price, per side. */
export interface PercentPriceBySideFilter {
  readonly bidMultiplierUp: Decimal
  readonly bidMultiplierDown: Decimal
  readonly askMultiplierUp: Decimal
  readonly askMultiplierDown: Decimal
  readonly avgPriceMins: number
}

/** LOT_SIZE and MARKET_LOT_SIZE: quantity bounds and step; each part is disabled when zero. */
export interface LotSizeFilter {
  readonly minQty: Decimal
  readonly maxQty: Decimal
  readonly stepSize: Decimal
}

/** MIN_NOTIONAL (legacy): minimum price × quantity, for MARKET orders only if applyToMarket. */
export interface MinNotionalFilter {
  readonly minNotional: Decimal
  readonly applyToMarket: boolean
  readonly avgPriceMins: number
}

/** NOTIONAL: price × quantity between min and max, with separate MARKET switches. */
export interface NotionalFilter {
  readonly minNotional: Decimal
  readonly applyMinToMarket: boolean
  readonly maxNotional: Decimal
  readonly applyMaxToMarket: boolean
  readonly avgPriceMins: number
}

/** TRAILING_DELTA: trailingDelta bounds in basis points, for the "above" and "below" bands. */
export interface TrailingDeltaFilter {
  readonly minTrailingAboveDelta: number
  readonly maxTrailingAboveDelta: number
  readonly minTrailingBelowDelta: number
  readonly maxTrailingBelowDelta: number
}

/** The filters of one symbol that Gridkeeper understands, each absent when the symbol lacks it. */
export interface SymbolFilters {
  readonly priceFilter?: PriceFilter
  readonly percentPrice?: PercentPriceFilter
  readonly percentPriceBySide?: PercentPriceBySideFilter
  readonly lotSize?: LotSizeFilter
  readonly marketLotSize?: LotSizeFilter
  readonly minNotional?: MinNotionalFilter
  readonly notional?: NotionalFilter
  /** ICEBERG_PARTS.limit */
  readonly icebergParts?: number
  /** MAX_NUM_ORDERS.maxNumOrders */
  readonly maxNumOrders?: number
  /** MAX_NUM_ALGO_ORDERS.maxNumAlgoOrders */
  readonly maxNumAlgoOrders?: number
  /** MAX_NUM_ICEBERG_ORDERS.maxNumIcebergOrders */
  readonly maxNumIcebergOrders?: number
  /** MAX_NUM_ORDER_LISTS.maxNumOrderLists */
  readonly maxNumOrderLists?: number
  /** MAX_NUM_ORDER_AMENDS.maxNumOrderAmends */
  readonly maxNumOrderAmends?: number
  /** MAX_POSITION.maxPosition */
  readonly maxPosition?: Decimal
  readonly trailingDelta?: TrailingDeltaFilter
}

/** The account-wide filters of `exchangeFilters`. */
export interface ExchangeFilters {
  readonly maxNumOrders?: number
  readonly maxNumAlgoOrders?: number
  readonly maxNumIcebergOrders?: number
  readonly maxNumOrderLists?: number
}

/** A filter whose type Gridkeeper does not know, kept verbatim. */
export interface UnknownFilter {
  readonly filterType: string
  readonly raw: Readonly<Record<string, unknown>>
}

/** What a symbol allows, as flags; undefined means the exchange did not say. */
export interface SymbolCapabilities {
  readonly icebergAllowed?: boolean
  readonly ocoAllowed?: boolean
  readonly otoAllowed?: boolean
  readonly opoAllowed?: boolean
  readonly quoteOrderQtyMarketAllowed?: boolean
  readonly allowTrailingStop?: boolean
  readonly cancelReplaceAllowed?: boolean
  readonly amendAllowed?: boolean
  readonly pegInstructionsAllowed?: boolean
  readonly isSpotTradingAllowed?: boolean
  readonly isMarginTradingAllowed?: boolean
}

/** Everything Gridkeeper knows about one symbol's trading rules. */
export interface SymbolRules {
  readonly symbol: string
  /** Exchange status as sent; only TRADING accepts new orders. */
  readonly status: string
  readonly baseAsset: string
  readonly quoteAsset: string
  readonly baseAssetPrecision: number
  readonly quoteAssetPrecision: number
  readonly baseCommissionPrecision?: number
  readonly quoteCommissionPrecision?: number
  /** Order types as sent, unknown ones included. */
  readonly orderTypes: readonly string[]
  readonly capabilities: SymbolCapabilities
  /** Legacy flat permission list (always empty on current responses). */
  readonly permissions: readonly string[]
  /** Permission sets: OR inside a set, AND across sets. */
  readonly permissionSets: readonly (readonly string[])[]
  readonly defaultSelfTradePreventionMode?: string
  readonly allowedSelfTradePreventionModes: readonly string[]
  readonly filters: SymbolFilters
  readonly unknownFilters: readonly UnknownFilter[]
  /** Fields of the symbol object that Gridkeeper does not know, kept verbatim. */
  readonly extraFields: Readonly<Record<string, unknown>>
}

/** One entry of `rateLimits`. */
export interface RateLimit {
  readonly rateLimitType: string
  readonly interval: string
  readonly intervalNum: number
  readonly limit: number
}

/** Something the parser noticed: an unknown field, filter or enum value, or a symbol it refused. */
export interface ParseNote {
  readonly severity: 'info' | 'error'
  readonly kind: 'unknown-field' | 'unknown-filter' | 'unknown-enum' | 'invalid-symbol' | 'invalid-exchange-filter'
  /** The field, filter type or enum value concerned. */
  readonly subject: string
  readonly message: string
  /** How many symbols showed this. */
  readonly count: number
  /** Up to five symbols that showed it. */
  readonly examples: readonly string[]
}

/** A parsed exchangeInfo response. */
export interface ExchangeRules {
  readonly timezone?: string
  readonly serverTimeMs?: number
  readonly rateLimits: readonly RateLimit[]
  readonly exchangeFilters: ExchangeFilters
  readonly unknownExchangeFilters: readonly UnknownFilter[]
  /** Symbols by name; a symbol whose known filters are malformed is absent and noted. */
  readonly symbols: ReadonlyMap<string, SymbolRules>
  readonly notes: readonly ParseNote[]
}
