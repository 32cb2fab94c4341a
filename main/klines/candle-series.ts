/**
 * Candles of one symbol and interval in columns, oldest first, with no per-candle objects so a
 * backtest can walk millions of them a second. Open times are strictly increasing; a missing
 * candle is simply absent (gaps stay gaps, see `findGaps`).
 */
export interface CandleSeries {
  /** The symbol, when the source names it (given, or read from a file name such as `BTCUSDT-1m-2024-01.csv`). */
  readonly symbol: string | null
  /** Binance's interval name: '1m', '5m', '1h', ... */
  readonly interval: string
  readonly intervalMs: number
  /**
   * Prices are stored as exact integers: price × 10^scale, where scale is the most significant
   * decimals any price in the source has (trailing zeros do not count), at most 12. Every stored
   * price is an integer below 2^53, checked on load; `priceText` turns one back into its exact text.
   */
  readonly scale: number
  readonly length: number
  /** Open times in UTC milliseconds. */
  readonly openTimeMs: Float64Array
  readonly open: Float64Array
  readonly high: Float64Array
  readonly low: Float64Array
  readonly close: Float64Array
  /** Base-asset volume: information, not money, so a plain number. */
  readonly volume: Float64Array
}
