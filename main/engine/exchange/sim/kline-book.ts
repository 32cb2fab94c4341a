import { Decimal } from '@shared/money/decimal'
import { KLINE_INTERVAL_MS } from '../port/kline-interval'
import type { Candle } from '../port/market-event'

/** Kline intervals the simulator serves, in milliseconds (week and month alignment are not modelled). */
export const KLINE_INTERVALS_MS: Readonly<Record<string, number>> = KLINE_INTERVAL_MS

const MINUTE_MS = 60_000

/**
 * One-minute bars kept per symbol, the oldest dropped first: about a month, as the paper market's
 * tape keeps. That is Binance's largest page (1000 candles) of every interval up to 30 minutes,
 * 750 hourly and 187 four-hour candles; the market watch's default reading is 52 five-minute ones.
 */
export const KLINE_RETENTION_BARS = 45_000

/** The trades of one stretch of a minute, merged: what a one-minute bar is built from. */
export interface MinuteTrades {
  readonly open: Decimal
  readonly high: Decimal
  readonly low: Decimal
  readonly close: Decimal
  readonly volume: Decimal
  /** Quote volume when known (close × volume is taken otherwise). */
  readonly quoteVolume?: Decimal
}

interface MinuteBar {
  readonly openTimeMs: number
  open: Decimal
  high: Decimal
  low: Decimal
  close: Decimal
  volume: Decimal
  quoteVolume: Decimal
}

/**
 * Candles built from the trades the simulator saw: one-minute bars are kept (the newest
 * `retentionBars` of each symbol), longer intervals are merged from them on request. An interval
 * without trades after the first one repeats the last close with zero volume, as Binance does.
 */
export class KlineBook {
  private readonly bars = new Map<string, MinuteBar[]>()

  constructor(private readonly retentionBars = KLINE_RETENTION_BARS) {
    if (!(retentionBars >= 1)) throw new RangeError(`kline retention must be at least one bar, got ${retentionBars}`)
  }

  /** Adds one trade; trades arrive in clock order. */
  record(symbol: string, price: Decimal, quantity: Decimal, timeMs: number): void {
    this.restore(symbol, { open: price, high: price, low: price, close: price, volume: quantity, quoteVolume: price.mul(quantity) }, timeMs)
  }

  /**
   * Adds trades of one minute merged beforehand (`timeMs` is the last one's time), exactly as if
   * each had been recorded: the newest bar takes them when it is of that minute, else they open one.
   */
  restore(symbol: string, trades: MinuteTrades, timeMs: number): void {
    const list = this.bars.get(symbol) ?? []
    this.bars.set(symbol, list)
    const openTimeMs = Math.floor(timeMs / MINUTE_MS) * MINUTE_MS
    const last = list[list.length - 1]
    const quoteVolume = trades.quoteVolume ?? trades.close.mul(trades.volume)
    if (last !== undefined && last.openTimeMs === openTimeMs) {
      if (trades.high.gt(last.high)) last.high = trades.high
      if (trades.low.lt(last.low)) last.low = trades.low
      last.close = trades.close
      last.volume = last.volume.add(trades.volume)
      last.quoteVolume = last.quoteVolume.add(quoteVolume)
      return
    }
    list.push({ openTimeMs, open: trades.open, high: trades.high, low: trades.low, close: trades.close, volume: trades.volume, quoteVolume })
    if (list.length > this.retentionBars) list.splice(0, list.length - this.retentionBars)
  }

  /**
   * Returns the volume-weighted average price of the trades of the current minute and the
   * `minutes - 1` before it (Binance's avgPrice over avgPriceMins, to 8 decimals), or undefined
   * when they traded no volume.
   */
  averagePrice(symbol: string, minutes: number, nowMs: number): Decimal | undefined {
    const list = this.bars.get(symbol) ?? []
    const from = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS - (minutes - 1) * MINUTE_MS
    let volume = new Decimal(0)
    let quote = new Decimal(0)
    for (let index = lowerBound(list, from); index < list.length; index += 1) {
      const bar = list[index] as MinuteBar
      volume = volume.add(bar.volume)
      quote = quote.add(bar.quoteVolume)
    }
    if (volume.isZero()) return undefined
    return quote.div(volume).toDecimalPlaces(8, Decimal.ROUND_HALF_EVEN)
  }

  /** Returns up to `limit` most recent candles of the interval that closed by `nowMs`, oldest first. */
  closedCandles(symbol: string, intervalMs: number, limit: number, nowMs: number): Candle[] {
    const list = this.bars.get(symbol) ?? []
    const first = list[0]
    if (first === undefined || limit <= 0) return []
    const lastClosedStart = Math.floor(nowMs / intervalMs) * intervalMs - intervalMs
    const firstStart = Math.max(Math.floor(first.openTimeMs / intervalMs) * intervalMs, lastClosedStart - (limit - 1) * intervalMs)
    if (lastClosedStart < firstStart) return []

    let index = lowerBound(list, firstStart)
    let previousClose = list[index - 1]?.close
    const candles: Candle[] = []
    for (let start = firstStart; start <= lastClosedStart; start += intervalMs) {
      const end = start + intervalMs
      let candle: { open: Decimal; high: Decimal; low: Decimal; close: Decimal; volume: Decimal } | undefined
      for (let bar = list[index]; bar !== undefined && bar.openTimeMs < end; bar = list[++index]) {
        if (candle === undefined) candle = { open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume }
        else {
          if (bar.high.gt(candle.high)) candle.high = bar.high
          if (bar.low.lt(candle.low)) candle.low = bar.low
          candle.close = bar.close
          candle.volume = candle.volume.add(bar.volume)
        }
      }
      if (candle === undefined) {
        if (previousClose === undefined) continue
        candle = { open: previousClose, high: previousClose, low: previousClose, close: previousClose, volume: new Decimal(0) }
      }
      previousClose = candle.close
      candles.push({ symbol, openTimeMs: start, closeTimeMs: end - 1, ...candle, closed: true })
    }
    return candles
  }
}

function lowerBound(list: readonly MinuteBar[], timeMs: number): number {
  let low = 0
  let high = list.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((list[middle] as MinuteBar).openTimeMs < timeMs) low = middle + 1
    else high = middle
  }
  return low
}
