/** Where one Binance Spot deployment answers: REST base, WebSocket API host and market-stream host. */
export interface BinanceEndpoints {
  /** Which deployment these are. */
  readonly name: 'live' | 'testnet' | 'demo' | 'custom'
  /** REST base URL; paths are `/api/v3/...`. */
  readonly rest: string
  /** Scheme, host and port of the WebSocket API; the SDK appends `/ws-api/v3`. */
  readonly wsApi: string
  /** Scheme, host and port of the market streams; the SDK appends `/stream`. */
  readonly streams: string
}

/** Binance Spot production. */
export const LIVE_ENDPOINTS: BinanceEndpoints = {
  name: 'live',
  rest: 'https://api.binance.com',
  wsApi: 'wss://ws-api.binance.com:443',
  streams: 'wss://stream.binance.com:9443'
}

/** The Binance Spot testnet: its own keys, balances and prices. */
export const TESTNET_ENDPOINTS: BinanceEndpoints = {
  name: 'testnet',
  rest: 'https://testnet.binance.vision',
  wsApi: 'wss://ws-api.testnet.binance.vision',
  streams: 'wss://stream.testnet.binance.vision'
}

/** Binance demo trading: live prices, simulated fills, keys from the demo site. */
export const DEMO_ENDPOINTS: BinanceEndpoints = {
  name: 'demo',
  rest: 'https://demo-api.binance.com',
  wsApi: 'wss://demo-ws-api.binance.com',
  streams: 'wss://demo-stream.binance.com'
}

/**
 * Returns endpoints on one custom base, such as a paper server: REST on `rest`, the WebSocket API
 * and the market streams both on `ws` (one port serves `/ws-api/v3` and `/stream`).
 */
export function customEndpoints(rest: string, ws: string): BinanceEndpoints {
  return { name: 'custom', rest: rest.replace(/\/+$/, ''), wsApi: ws.replace(/\/+$/, ''), streams: ws.replace(/\/+$/, '') }
}
