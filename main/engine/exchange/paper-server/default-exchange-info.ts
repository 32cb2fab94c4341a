/** The built-in market when no exchangeInfo file is given: BTCUSDT and ETHUSDT with Binance-like 2026 rules. */
export const DEFAULT_EXCHANGE_INFO = {
  timezone: 'UTC',
  exchangeFilters: [],
  symbols: [defaultSymbol('BTCUSDT', 'BTC', '0.01000000', '0.00001000', '9000.00000000'), defaultSymbol('ETHUSDT', 'ETH', '0.01000000', '0.00010000', '9000.00000000')]
} as const

/** Starting last prices of the built-in symbols. */
export const DEFAULT_PRICES: Readonly<Record<string, string>> = { BTCUSDT: '60000.00', ETHUSDT: '3000.00' }

/** Starting balances of a paper account when none are given. */
export const DEFAULT_BALANCES: Readonly<Record<string, string>> = { USDT: '10000', BTC: '0', ETH: '0' }

function defaultSymbol(symbol: string, baseAsset: string, tickSize: string, stepSize: string, maxQty: string) {
  return {
    symbol,
    status: 'TRADING',
    baseAsset,
    baseAssetPrecision: 8,
    quoteAsset: 'USDT',
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'],
    icebergAllowed: true,
    ocoAllowed: true,
    otoAllowed: true,
    opoAllowed: true,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: true,
    cancelReplaceAllowed: true,
    amendAllowed: true,
    pegInstructionsAllowed: true,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: tickSize, maxPrice: '1000000.00000000', tickSize },
      { filterType: 'LOT_SIZE', minQty: stepSize, maxQty, stepSize },
      { filterType: 'ICEBERG_PARTS', limit: 100 },
      { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: '100.00000000', stepSize: '0.00000000' },
      { filterType: 'TRAILING_DELTA', minTrailingAboveDelta: 10, maxTrailingAboveDelta: 2000, minTrailingBelowDelta: 10, maxTrailingBelowDelta: 2000 },
      { filterType: 'PERCENT_PRICE_BY_SIDE', bidMultiplierUp: '5', bidMultiplierDown: '0.2', askMultiplierUp: '5', askMultiplierDown: '0.2', avgPriceMins: 5 },
      { filterType: 'NOTIONAL', minNotional: '5.00000000', applyMinToMarket: true, maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5 },
      { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
      { filterType: 'MAX_NUM_ORDER_LISTS', maxNumOrderLists: 20 },
      { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 5 },
      { filterType: 'MAX_NUM_ORDER_AMENDS', maxNumOrderAmends: 10 }
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH', 'DECREMENT', 'TRANSFER']
  }
}
