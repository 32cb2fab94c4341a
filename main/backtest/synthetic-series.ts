import type { CandleSeries } from '../klines/candle-series'
import { SeededRandom } from '../engine/exchange/sim/seeded-random'

/** What a synthetic series looks like. */
export interface SyntheticSeriesOptions {
  readonly symbol: string
  readonly candles: number
  readonly startMs: number
  /** The first open, in cents (prices have two decimals). */
  readonly startCents: number
  /** Typical move of one candle, as a fraction of the price (0.0008 ≈ BTC's 1m moves). */
  readonly volatility: number
  /** Pull of each step back towards the first open (0: a pure random walk; 0.001 keeps it in a band for months). */
  readonly reversion?: number
  readonly seed: number
}

/**
 * A seeded random walk of 1m candles with two-decimal prices, the same on every machine: for
 * benchmarks and tests that need a year of candles without a file. Each close follows the last
 * with a normal-ish step; highs and lows reach a little beyond the open and close.
 */
export function syntheticSeries(options: SyntheticSeriesOptions): CandleSeries {
  const random = new SeededRandom(options.seed)
  const { candles } = options
  const openTimeMs = new Float64Array(candles)
  const open = new Float64Array(candles)
  const high = new Float64Array(candles)
  const low = new Float64Array(candles)
  const close = new Float64Array(candles)
  const volume = new Float64Array(candles)
  let last = options.startCents
  const gauss = () => random.next() + random.next() + random.next() - 1.5
  for (let index = 0; index < candles; index += 1) {
    const step = Math.round(last * options.volatility * gauss() * 2 + (options.startCents - last) * (options.reversion ?? 0))
    const next = Math.max(100, last + step)
    const wick = () => Math.round(last * options.volatility * random.next())
    openTimeMs[index] = options.startMs + index * 60_000
    open[index] = last
    close[index] = next
    high[index] = Math.max(last, next) + wick()
    low[index] = Math.max(1, Math.min(last, next) - wick())
    volume[index] = 1 + random.next()
    last = next
  }
  return { symbol: options.symbol, interval: '1m', intervalMs: 60_000, scale: 2, length: candles, openTimeMs, open, high, low, close, volume }
}
