import { Decimal } from '@shared/money/decimal'
import type { CandleView } from '@shared/api'
import type { Exchange, Unsubscribe } from '../engine/exchange/port/exchange'
import { KLINE_INTERVAL_MS, type KlineInterval } from '../engine/exchange/port/kline-interval'
import type { Candle, TradeTick } from '../engine/exchange/port/market-event'

/** Converts an exchange candle to the chart's shape. */
export function candleView(candle: Candle): CandleView {
  return {
    openTimeMs: candle.openTimeMs,
    open: candle.open.toFixed(),
    high: candle.high.toFixed(),
    low: candle.low.toFixed(),
    close: candle.close.toFixed(),
    volume: candle.volume.toFixed()
  }
}

/**
 * Folds a public trade into the chart's latest candle: the same candle when the trade falls in
 * it, otherwise a new one opened at the trade. Returns the updated candle, or undefined for a
 * trade older than the latest candle (it arrived late and is left out).
 */
export function foldTrade(latest: CandleView | undefined, tick: TradeTick, intervalMs: number): CandleView | undefined {
  const openTimeMs = tick.timeMs - (tick.timeMs % intervalMs)
  const price = tick.price.toFixed()
  if (latest === undefined || openTimeMs > latest.openTimeMs) {
    return { openTimeMs, open: price, high: price, low: price, close: price, volume: tick.quantity.toFixed() }
  }
  if (openTimeMs < latest.openTimeMs) return undefined
  return {
    openTimeMs,
    open: latest.open,
    high: Decimal.max(latest.high, tick.price).toFixed(),
    low: Decimal.min(latest.low, tick.price).toFixed(),
    close: price,
    volume: new Decimal(latest.volume).add(tick.quantity).toFixed()
  }
}

/**
 * Streams one symbol's chart candles: the history from the klines endpoint, then every public
 * trade folded into the latest candle as it happens. One feed per symbol and interval, shared by
 * every viewer; it unsubscribes when the last viewer leaves.
 */
export class CandleFeed {
  private latest: CandleView | undefined
  private readonly listeners = new Set<(candle: CandleView) => void>()
  private unsubscribe: Unsubscribe | undefined
  private readonly intervalMs: number

  constructor(
    private readonly exchange: Exchange,
    readonly symbol: string,
    readonly interval: KlineInterval
  ) {
    this.intervalMs = KLINE_INTERVAL_MS[interval]
  }

  /** Returns the latest `limit` candles, oldest first, and starts following trades. */
  async history(limit: number): Promise<CandleView[]> {
    const candles = (await this.exchange.klines(this.symbol, this.interval, limit)).map(candleView)
    const last = candles.at(-1)
    if (last !== undefined && (this.latest === undefined || last.openTimeMs >= this.latest.openTimeMs)) this.latest = last
    this.follow()
    return candles
  }

  /** Calls `listener` with every updated candle until the returned function is called. */
  listen(listener: (candle: CandleView) => void): Unsubscribe {
    this.listeners.add(listener)
    this.follow()
    return () => {
      this.listeners.delete(listener)
      if (this.listeners.size === 0) this.close()
    }
  }

  /** Stops following trades. */
  close(): void {
    this.unsubscribe?.()
    this.unsubscribe = undefined
  }

  private follow(): void {
    if (this.unsubscribe !== undefined) return
    this.unsubscribe = this.exchange.subscribeTrades(this.symbol, (tick) => {
      const updated = foldTrade(this.latest, tick, this.intervalMs)
      if (updated === undefined) return
      this.latest = updated
      for (const listener of this.listeners) listener(updated)
    })
  }
}
