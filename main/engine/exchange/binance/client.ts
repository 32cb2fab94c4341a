import { MainClient } from 'binance'
import type { WireParams } from './order-params'

/** How to reach and sign for one Binance Spot REST API. */
export interface BinanceRestClientOptions {
  /** REST base URL (`https://api.binance.com`, or a paper server's `http://127.0.0.1:PORT`). */
  readonly restUrl: string
  readonly apiKey: string
  /** HMAC secret, or an Ed25519/RSA private key in PEM. */
  readonly apiSecret: string
  readonly recvWindowMs: number
  /** Milliseconds before an unanswered request is abandoned (its outcome is then unknown). */
  readonly requestTimeoutMs: number
}

/**
 * A thin wrapper over the `binance` SDK's MainClient: one method per endpoint the adapter uses,
 * each resolving with Binance's raw JSON (beautifyResponses off — the SDK's beautifier would
 * parseFloat money) and rejecting with the SDK's raw error (errors.ts maps it). The SDK's own
 * time sync stays off (it ignores a custom base URL); the adapter sets the offset. Parameters go
 * through the SDK's generic signed calls as exact text: its typed methods declare money as
 * `number`, and the order ones replace or warn about client order ids without its broker prefix.
 */
export class BinanceRestClient {
  private readonly sdk: MainClient

  constructor(options: BinanceRestClientOptions) {
    this.sdk = new MainClient(
      {
        baseUrl: options.restUrl,
        api_key: options.apiKey,
        api_secret: options.apiSecret,
        beautifyResponses: false,
        disableTimeSync: true,
        recvWindow: options.recvWindowMs,
        // Raw axios errors keep the HTTP status (5xx, 429, 418) that the SDK's parsed errors drop
        parseExceptions: false
      },
      { timeout: options.requestTimeoutMs }
    )
  }

  /** Sets the offset the SDK adds to Date.now() when it stamps a signed request. */
  setTimeOffsetMs(offsetMs: number): void {
    this.sdk.setTimeOffset(offsetMs)
  }

  /** Returns the usage headers of the latest answer (names in lowercase); order counts only after order entry. */
  usageHeaders(orderEntry: boolean): Readonly<Record<string, string>> {
    const states = this.sdk.getRateLimitStates()
    return {
      'x-mbx-used-weight-1m': String(states['x-mbx-used-weight-1m']),
      ...(orderEntry ? { 'x-mbx-order-count-10s': String(states['x-mbx-order-count-10s']), 'x-mbx-order-count-1d': String(states['x-mbx-order-count-1d']) } : {})
    }
  }

  /** `GET /api/v3/time`. */
  serverTime(): Promise<unknown> {
    return this.sdk.get('api/v3/time')
  }

  /** `GET /api/v3/exchangeInfo`, for the given symbols or all. */
  exchangeInfo(symbols?: readonly string[]): Promise<unknown> {
    if (symbols === undefined || symbols.length === 0) return this.sdk.get('api/v3/exchangeInfo')
    return this.sdk.get('api/v3/exchangeInfo', symbols.length === 1 ? { symbol: symbols[0] } : { symbols: JSON.stringify(symbols) })
  }

  /** `GET /api/v3/ticker/price?symbol=`. */
  tickerPrice(symbol: string): Promise<unknown> {
    return this.sdk.get('api/v3/ticker/price', { symbol })
  }

  /** `GET /api/v3/avgPrice?symbol=`. */
  avgPrice(symbol: string): Promise<unknown> {
    return this.sdk.get('api/v3/avgPrice', { symbol })
  }

  /** `GET /api/v3/ticker/bookTicker?symbol=`. */
  bookTicker(symbol: string): Promise<unknown> {
    return this.sdk.get('api/v3/ticker/bookTicker', { symbol })
  }

  /** `GET /api/v3/klines`. */
  klines(symbol: string, interval: string, limit: number): Promise<unknown> {
    return this.sdk.get('api/v3/klines', { symbol, interval, limit: String(limit) })
  }

  /** `GET /sapi/v1/account/apiRestrictions`: a key's IP restriction and enabled permissions (production only). */
  apiRestrictions(): Promise<unknown> {
    return this.sdk.getPrivate('sapi/v1/account/apiRestrictions', {})
  }

  /** `GET /api/v3/account` (signed). */
  account(): Promise<unknown> {
    return this.sdk.getPrivate('api/v3/account', {})
  }

  /** `POST /api/v3/order` (signed). */
  newOrder(params: WireParams): Promise<unknown> {
    return this.sdk.postPrivate('api/v3/order', params)
  }

  /** `GET /api/v3/order` (signed). */
  getOrder(params: WireParams): Promise<unknown> {
    return this.sdk.getPrivate('api/v3/order', params)
  }

  /** `DELETE /api/v3/order` (signed). */
  cancelOrder(params: WireParams): Promise<unknown> {
    return this.sdk.deletePrivate('api/v3/order', params)
  }

  /** `DELETE /api/v3/openOrders` (signed): every open order and list of a symbol. */
  cancelOpenOrders(symbol: string): Promise<unknown> {
    return this.sdk.deletePrivate('api/v3/openOrders', { symbol })
  }

  /** `GET /api/v3/openOrders?symbol=` (signed). */
  openOrders(symbol: string): Promise<unknown> {
    return this.sdk.getPrivate('api/v3/openOrders', { symbol })
  }

  /** `GET /api/v3/allOrders` (signed). */
  allOrders(params: WireParams): Promise<unknown> {
    return this.sdk.getPrivate('api/v3/allOrders', params)
  }

  /** `GET /api/v3/myTrades` (signed). */
  myTrades(params: WireParams): Promise<unknown> {
    return this.sdk.getPrivate('api/v3/myTrades', params)
  }

  /** `POST /api/v3/orderList/oco` (signed). */
  newOcoList(params: WireParams): Promise<unknown> {
    return this.sdk.postPrivate('api/v3/orderList/oco', params)
  }

  /** `DELETE /api/v3/orderList` (signed). */
  cancelOrderList(params: WireParams): Promise<unknown> {
    return this.sdk.deletePrivate('api/v3/orderList', params)
  }

  /** `GET /api/v3/openOrderList` (signed): every executing order list, all symbols. */
  openOrderLists(): Promise<unknown> {
    return this.sdk.getPrivate('api/v3/openOrderList', {})
  }
}
