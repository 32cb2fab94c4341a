/** What one REST endpoint costs and how its failures are read. */
export interface RequestCost {
  /** The endpoint, as `METHOD /path`; the one place endpoint names appear. */
  readonly endpoint: string
  /** Request weight Binance charges (a failed order entry pays it; a successful one costs 0 since 2026-04-02). */
  readonly weight: number
  /** Unfilled-order count it adds. */
  readonly orders: number
  /** Signed (USER_DATA or TRADE): needs the server-time offset. */
  readonly signed: boolean
  /** Reads its answer on the exchange's clock (klines: which candle is closed), so it needs the offset too. */
  readonly usesServerClock: boolean
  /** Order entry: a busy server may have acted, so -1008 is an unknown outcome. */
  readonly orderEntry: boolean
}

function cost(endpoint: string, weight: number, options: Partial<Pick<RequestCost, 'orders' | 'signed' | 'orderEntry' | 'usesServerClock'>> = {}): RequestCost {
  const signed = options.signed ?? false
  return { endpoint, weight, orders: options.orders ?? 0, signed, usesServerClock: options.usesServerClock ?? signed, orderEntry: options.orderEntry ?? false }
}

/** The REST endpoints the adapter calls, with Binance's documented weights. */
export const REQUEST_COSTS = {
  serverTime: cost('GET /api/v3/time', 1),
  exchangeInfo: cost('GET /api/v3/exchangeInfo', 20),
  tickerPrice: cost('GET /api/v3/ticker/price', 2),
  avgPrice: cost('GET /api/v3/avgPrice', 2),
  bookTicker: cost('GET /api/v3/ticker/bookTicker', 2),
  klines: cost('GET /api/v3/klines', 2, { usesServerClock: true }),
  account: cost('GET /api/v3/account', 20, { signed: true }),
  placeOrder: cost('POST /api/v3/order', 1, { signed: true, orderEntry: true, orders: 1 }),
  queryOrder: cost('GET /api/v3/order', 4, { signed: true }),
  cancelOrder: cost('DELETE /api/v3/order', 1, { signed: true, orderEntry: true }),
  cancelAllOrders: cost('DELETE /api/v3/openOrders', 1, { signed: true, orderEntry: true }),
  openOrders: cost('GET /api/v3/openOrders', 6, { signed: true }),
  allOrders: cost('GET /api/v3/allOrders', 20, { signed: true }),
  myTrades: cost('GET /api/v3/myTrades', 20, { signed: true }),
  myTradesOfOrder: cost('GET /api/v3/myTrades', 5, { signed: true }),
  placeOcoList: cost('POST /api/v3/orderList/oco', 1, { signed: true, orderEntry: true, orders: 2 }),
  cancelOrderList: cost('DELETE /api/v3/orderList', 1, { signed: true, orderEntry: true }),
  openOrderLists: cost('GET /api/v3/openOrderList', 6, { signed: true })
} as const satisfies Record<string, RequestCost>
