import { botConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import type { Candle } from '../exchange/port/market-event'
import type { MarketReading } from './market-reading'
import type { MarketStateSettings, ProtectiveSettings } from './market-settings'
import type { MarketReadingState } from './market-state'

/** Symbol of every stub candle. */
export const SYMBOL = 'BTCUSDT'

/** Open time of candle 0: 2026-01-01T00:00:00Z. */
export const START_MS = Date.UTC(2026, 0, 1)

/** The default candle interval (5 minutes) in milliseconds. */
export const INTERVAL_MS = 300_000

// Prices are exact text or decimals, never JS numbers, even in tests
type PriceText = string | Decimal

function config(marketState: Partial<MarketStateSettings>, protective: Partial<ProtectiveSettings>) {
  return botConfig({ id: 'm1', symbol: SYMBOL, grid: { lower: '90', upper: '110', grids: 10, investment: '1000' }, marketState, protective })
}

/** Market-state settings as the validated configuration fills them in (5m, 48 candles, 3 %, 1.5 %, 3 candles), with overrides. */
export function marketSettings(overrides: Partial<MarketStateSettings> = {}): MarketStateSettings {
  return config(overrides, {}).marketState
}

/** Protective settings as the validated configuration fills them in (noBuysInDowntrend on, pauseBuysWhenVolatile off), with overrides. */
export function protectiveSettings(overrides: Partial<ProtectiveSettings> = {}): ProtectiveSettings {
  return config({}, overrides).protective
}

/** Returns the open time of candle `index` of a stub series. */
export function openTimeOf(index: number, intervalMs = INTERVAL_MS): number {
  return START_MS + index * intervalMs
}

/** One closed candle at position `index` of a stub series, from plain prices. */
export function candle(
  index: number,
  prices: { readonly open: PriceText; readonly high: PriceText; readonly low: PriceText; readonly close: PriceText },
  options: { readonly intervalMs?: number; readonly closed?: boolean; readonly symbol?: string } = {}
): Candle {
  const intervalMs = options.intervalMs ?? INTERVAL_MS
  const openTimeMs = openTimeOf(index, intervalMs)
  return {
    symbol: options.symbol ?? SYMBOL,
    openTimeMs,
    closeTimeMs: openTimeMs + intervalMs - 1,
    open: new Decimal(prices.open),
    high: new Decimal(prices.high),
    low: new Decimal(prices.low),
    close: new Decimal(prices.close),
    volume: new Decimal('1'),
    closed: options.closed ?? true
  }
}

/**
 * Candles walking through `prices`: candle i opens at prices[i] and closes at prices[i + 1], so
 * n + 1 prices make n candles. Each candle's high and low reach `wickPct` percent beyond its body.
 */
export function pathCandles(prices: readonly PriceText[], options: { readonly wickPct?: PriceText; readonly firstIndex?: number } = {}): Candle[] {
  const wick = new Decimal(options.wickPct ?? '0').div(100)
  const firstIndex = options.firstIndex ?? 0
  return prices.slice(1).map((closeText, offset) => {
    const open = new Decimal(prices[offset] ?? closeText)
    const close = new Decimal(closeText)
    const high = Decimal.max(open, close).mul(wick.add(1))
    const low = Decimal.min(open, close).mul(new Decimal(1).sub(wick))
    return candle(firstIndex + offset, { open, high, low, close })
  })
}

/** `count` candles on a straight line from `from` to `to` (the first opens at `from`, the last closes at `to`). */
export function steadyCandles(from: PriceText, to: PriceText, count: number, options: { readonly wickPct?: PriceText; readonly firstIndex?: number } = {}): Candle[] {
  const start = new Decimal(from)
  const step = new Decimal(to).sub(start).div(count)
  return pathCandles(
    Array.from({ length: count + 1 }, (_, index) => start.add(step.mul(index))),
    options
  )
}

/** `count` candles that open and close at `price` and swing `rangePct` percent of it, evenly around it. */
export function wideCandles(count: number, price: PriceText, rangePct: PriceText, firstIndex = 0): Candle[] {
  const middle = new Decimal(price)
  const half = middle.mul(rangePct).div(200)
  return Array.from({ length: count }, (_, offset) => candle(firstIndex + offset, { open: middle, high: middle.add(half), low: middle.sub(half), close: middle }))
}

/** The series without the candles at the given positions (to make gaps). */
export function withoutCandles(candles: readonly Candle[], ...positions: number[]): Candle[] {
  return candles.filter((_, position) => !positions.includes(position))
}

/** Candles whose closes alternate between two prices, each opening at the previous close. */
export function alternatingCandles(count: number, low: PriceText, high: PriceText): Candle[] {
  return pathCandles(Array.from({ length: count + 1 }, (_, index) => (index % 2 === 0 ? low : high)))
}

/** A made-up reading of `state` at the close of candle `index`, for hysteresis tests that need no candles. */
export function readingAt(index: number, state: MarketReadingState, intervalMs = INTERVAL_MS): MarketReading {
  const lastOpenTimeMs = openTimeOf(index, intervalMs)
  const base = { reason: `${state} at candle ${index}`, intervalMs, candleCount: 48, windowCandles: 48, gaps: [], missingCandles: 0, lastOpenTimeMs, lastCloseTimeMs: lastOpenTimeMs + intervalMs - 1 }
  if (state === 'unknown') return { ...base, state, measures: null }
  const zero = new Decimal(0)
  return { ...base, state, measures: { openPrice: new Decimal(100), closePrice: new Decimal(100), netMovePct: zero, averageRangePct: zero } }
}
