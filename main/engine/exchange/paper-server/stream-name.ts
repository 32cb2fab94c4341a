import { KLINE_INTERVALS_MS } from '../sim/kline-book'

/** A market stream the paper server serves. */
export type MarketStream =
  | { readonly name: string; readonly symbol: string; readonly kind: 'trade' | 'aggTrade' | 'bookTicker' | 'avgPrice' }
  | { readonly name: string; readonly symbol: string; readonly kind: 'kline'; readonly interval: string; readonly intervalMs: number }

/**
 * Parses a stream name (`btcusdt@trade`, `btcusdt@aggTrade`, `btcusdt@kline_1m`,
 * `btcusdt@bookTicker`, `btcusdt@avgPrice`) against the listed symbols; undefined when the server
 * does not serve it. Symbols are lowercase in stream names, as on Binance.
 */
export function parseStreamName(name: string, symbols: ReadonlySet<string>): MarketStream | undefined {
  const at = name.indexOf('@')
  if (at <= 0) return undefined
  const lower = name.slice(0, at)
  if (lower !== lower.toLowerCase()) return undefined
  const symbol = lower.toUpperCase()
  if (!symbols.has(symbol)) return undefined
  const rest = name.slice(at + 1)
  if (rest === 'trade' || rest === 'aggTrade' || rest === 'bookTicker' || rest === 'avgPrice') return { name, symbol, kind: rest }
  if (rest.startsWith('kline_')) {
    const interval = rest.slice('kline_'.length)
    const intervalMs = KLINE_INTERVALS_MS[interval]
    if (intervalMs !== undefined) return { name, symbol, kind: 'kline', interval, intervalMs }
  }
  return undefined
}
