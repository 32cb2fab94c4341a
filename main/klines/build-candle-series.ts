import type { CandleSeries } from './candle-series'
import { POWERS_OF_TEN } from './decimal-digits-reader'
import type { KlineRowBuffer } from './kline-row-buffer'
import { orderedUniqueRows } from './order-rows'
import { scaledText } from './price-text'
import { resolveInterval } from './resolve-interval'

/** What the caller knows about a source that the rows do not say. */
export interface SeriesOptions {
  /** The interval name; inferred from the spacing of open times when absent. */
  readonly interval?: string
  readonly symbol?: string | null
}

const PRICE_NAMES = ['open', 'high', 'low', 'close'] as const

/**
 * Builds a candle series from rows as read: orders them, drops identical repeats, resolves the
 * interval, scales every price to an integer at the file's scale and checks each candle (every
 * scaled price below 2^53, low ≤ open, close ≤ high). A row that fails names itself.
 */
export function buildCandleSeries(rows: KlineRowBuffer, options: SeriesOptions = {}): CandleSeries {
  if (rows.length === 0) rows.fail([], 'holds no klines')
  const order = orderedUniqueRows(rows)
  const { interval, intervalMs } = resolveInterval(rows, order, options.interval)
  const scale = rows.scale
  const length = order.length
  const openTimeMs = new Float64Array(length)
  const volume = new Float64Array(length)
  const open = new Float64Array(length)
  const high = new Float64Array(length)
  const low = new Float64Array(length)
  const close = new Float64Array(length)
  for (let at = 0; at < length; at++) {
    const index = order[at] as number
    openTimeMs[at] = rows.timesMs[index] as number
    volume[at] = rows.volumes[index] as number
    const o = (open[at] = scaledPrice(rows, index, 0, scale))
    const h = (high[at] = scaledPrice(rows, index, 1, scale))
    const l = (low[at] = scaledPrice(rows, index, 2, scale))
    const c = (close[at] = scaledPrice(rows, index, 3, scale))
    if (l > h || o > h || c > h || o < l || c < l) rows.fail([rows.rowNumbers[index] as number], candleProblem(o, h, l, c, scale))
  }
  return {
    symbol: options.symbol ?? null,
    interval,
    intervalMs,
    scale,
    length,
    openTimeMs,
    open,
    high,
    low,
    close,
    volume
  }
}

/** Returns one price of a row as an integer at the file's scale, or fails naming the row when it is not below 2^53. */
function scaledPrice(rows: KlineRowBuffer, index: number, price: number, scale: number): number {
  const digits = rows.digits[index * 4 + price] as number
  const decimals = rows.decimals[index * 4 + price] as number
  const value = digits * (POWERS_OF_TEN[scale - decimals] as number)
  if (value > Number.MAX_SAFE_INTEGER) {
    rows.fail([rows.rowNumbers[index] as number], `${PRICE_NAMES[price]} ${scaledText(digits, decimals)} does not fit: at the file's ${scale} decimals it is not below 2^53`)
  }
  return value
}

/** Says what is wrong with a candle whose low and high do not bound it. */
function candleProblem(open: number, high: number, low: number, close: number, scale: number): string {
  const text = (value: number) => scaledText(value, scale)
  if (low > high) return `low ${text(low)} is above high ${text(high)}`
  if (open > high || close > high) return `high ${text(high)} is below ${open > high ? `open ${text(open)}` : `close ${text(close)}`}`
  return `low ${text(low)} is above ${open < low ? `open ${text(open)}` : `close ${text(close)}`}`
}
