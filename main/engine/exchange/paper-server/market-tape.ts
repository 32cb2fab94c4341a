import { Decimal } from '@shared/money/decimal'
import type { Exchange, Unsubscribe } from '../port/exchange'
import type { TradeTick } from '../port/market-event'
import { KLINE_RETENTION_BARS, type MinuteTrades } from '../sim/kline-book'
import { buyerIsMakerAfter } from './tick-direction'

/** One public trade as the paper market prints it, with its public trade id. */
export interface PublicTrade {
  readonly symbol: string
  readonly id: number
  readonly price: Decimal
  readonly quantity: Decimal
  readonly timeMs: number
  /** Guessed from the tick direction (a downtick was a seller taking), as the simulator has no aggressor. */
  readonly buyerIsMaker: boolean
}

/** One candle with the statistics Binance's klines carry. */
export interface TapeCandle {
  readonly openTimeMs: number
  readonly closeTimeMs: number
  readonly open: Decimal
  readonly high: Decimal
  readonly low: Decimal
  readonly close: Decimal
  readonly volume: Decimal
  readonly quoteVolume: Decimal
  readonly tradeCount: number
  readonly takerBuyBaseVolume: Decimal
  readonly takerBuyQuoteVolume: Decimal
  /** First and last public trade id, -1 when the candle had no trade. */
  readonly firstTradeId: number
  readonly lastTradeId: number
  readonly closed: boolean
}

/** Which candles to return: from a start time on, up to an end time, or the most recent ones. */
export interface CandleQuery {
  readonly startTimeMs?: number
  readonly endTimeMs?: number
  readonly limit: number
}

/** Public trades of one stretch of a minute, merged with the statistics the tape keeps of them. */
export interface TapeTrades extends MinuteTrades {
  readonly quoteVolume: Decimal
  readonly tradeCount: number
  readonly takerBuyBaseVolume: Decimal
  readonly takerBuyQuoteVolume: Decimal
  /** Quantity and direction of the last of the trades. */
  readonly lastQuantity: Decimal
  readonly lastBuyerIsMaker: boolean
}

interface MinuteBar {
  readonly openTimeMs: number
  open: Decimal
  high: Decimal
  low: Decimal
  close: Decimal
  volume: Decimal
  quoteVolume: Decimal
  tradeCount: number
  takerBuyBaseVolume: Decimal
  takerBuyQuoteVolume: Decimal
  firstTradeId: number
  lastTradeId: number
}

interface SymbolTape {
  nextTradeId: number
  lastTrade: PublicTrade | undefined
  readonly bars: MinuteBar[]
}

const MINUTE_MS = 60_000

/**
 * The paper market's public record, built from the simulator's trade feed: public trade ids,
 * one-minute bars with volumes and trade counts, and from them klines of any interval (the
 * forming one included), 24-hour statistics and average prices. Listeners get each trade.
 */
export class MarketTape {
  private readonly tapes = new Map<string, SymbolTape>()
  private readonly unsubscribes: Unsubscribe[] = []
  private listeners: ((trade: PublicTrade) => void)[] = []

  constructor(exchange: Pick<Exchange, 'subscribeTrades'>, symbols: readonly string[]) {
    for (const symbol of symbols) {
      this.tapes.set(symbol, { nextTradeId: 1, lastTrade: undefined, bars: [] })
      this.unsubscribes.push(exchange.subscribeTrades(symbol, (tick) => this.record(tick)))
    }
  }

  /** Adds a listener of every public trade until the returned function is called. */
  onTrade(listener: (trade: PublicTrade) => void): Unsubscribe {
    this.listeners = [...this.listeners, listener]
    return () => {
      this.listeners = this.listeners.filter((entry) => entry !== listener)
    }
  }

  /** Stops listening to the simulator. */
  close(): void {
    for (const unsubscribe of this.unsubscribes) unsubscribe()
    this.listeners = []
  }

  /**
   * Brings back public trades of one minute merged beforehand (`timeMs` is the last one's time),
   * exactly as if each had been printed: they take their trade ids, go to the minute's bar and the
   * last one becomes the last trade; listeners are not told.
   */
  restoreTrades(symbol: string, trades: TapeTrades, timeMs: number): void {
    const tape = this.tapes.get(symbol)
    if (tape === undefined) throw new RangeError(`trades of unknown symbol ${symbol}`)
    this.addTrades(tape, symbol, trades, timeMs)
  }

  /** Counts public trades whose bars are gone, so the trade ids after them stay as they were. */
  skipTradeIds(symbol: string, count: number): void {
    const tape = this.tapes.get(symbol)
    if (tape === undefined) throw new RangeError(`trades of unknown symbol ${symbol}`)
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`skipped trade count must be a whole number, got ${count}`)
    tape.nextTradeId += count
  }

  /** Returns the last public trade of a symbol, if any. */
  lastTrade(symbol: string): PublicTrade | undefined {
    return this.tapes.get(symbol)?.lastTrade
  }

  /** Returns candles of `intervalMs` (a whole number of minutes), oldest first; the last may still be forming. */
  candles(symbol: string, intervalMs: number, query: CandleQuery, nowMs: number): TapeCandle[] {
    const bars = this.tapes.get(symbol)?.bars ?? []
    const first = bars[0]
    if (first === undefined) return []
    const align = (timeMs: number) => Math.floor(timeMs / intervalMs) * intervalMs
    const low = Math.max(align(first.openTimeMs), query.startTimeMs === undefined ? -Infinity : Math.ceil(query.startTimeMs / intervalMs) * intervalMs)
    const high = Math.min(align(nowMs), query.endTimeMs === undefined ? Infinity : align(query.endTimeMs))
    if (high < low) return []
    const starts: number[] = []
    if (query.startTimeMs !== undefined) for (let start = low; start <= high && starts.length < query.limit; start += intervalMs) starts.push(start)
    else for (let start = high; start >= low && starts.length < query.limit; start -= intervalMs) starts.unshift(start)
    const out: TapeCandle[] = []
    for (const start of starts) {
      const candle = this.candleAt(bars, start, intervalMs, nowMs)
      if (candle !== undefined) out.push(candle)
    }
    return out
  }

  /** Returns the statistics of the last 24 hours and the close before them. */
  rollingWindow(symbol: string, windowMs: number, nowMs: number): { candle: TapeCandle | undefined; previousClose: Decimal | undefined } {
    const bars = this.tapes.get(symbol)?.bars ?? []
    const start = nowMs - windowMs
    const from = lowerBound(bars, Math.floor(start / MINUTE_MS) * MINUTE_MS)
    const inWindow = bars.slice(from)
    return { candle: merge(inWindow, start, nowMs, nowMs), previousClose: bars[from - 1]?.close }
  }

  /** Returns the volume-weighted average price of the last `minutes` minutes (the last price when nothing traded), to 8 decimals. */
  averagePrice(symbol: string, minutes: number, nowMs: number): Decimal | undefined {
    const tape = this.tapes.get(symbol)
    const last = tape?.lastTrade
    if (tape === undefined || last === undefined) return undefined
    const bars = tape.bars.slice(lowerBound(tape.bars, Math.floor(nowMs / MINUTE_MS) * MINUTE_MS - (minutes - 1) * MINUTE_MS))
    const volume = bars.reduce((sum, bar) => sum.add(bar.volume), new Decimal(0))
    if (volume.isZero()) return last.price
    const quote = bars.reduce((sum, bar) => sum.add(bar.quoteVolume), new Decimal(0))
    return quote.div(volume).toDecimalPlaces(8, Decimal.ROUND_HALF_EVEN)
  }

  private candleAt(bars: readonly MinuteBar[], start: number, intervalMs: number, nowMs: number): TapeCandle | undefined {
    const from = lowerBound(bars, start)
    const to = lowerBound(bars, start + intervalMs)
    const merged = merge(bars.slice(from, to), start, start + intervalMs - 1, nowMs)
    if (merged !== undefined) return merged
    // No trade in the interval: Binance repeats the previous close with zero volume
    const previous = bars[from - 1]
    if (previous === undefined) return undefined
    const zero = new Decimal(0)
    const close = previous.close
    return {
      openTimeMs: start,
      closeTimeMs: start + intervalMs - 1,
      open: close,
      high: close,
      low: close,
      close,
      volume: zero,
      quoteVolume: zero,
      tradeCount: 0,
      takerBuyBaseVolume: zero,
      takerBuyQuoteVolume: zero,
      firstTradeId: -1,
      lastTradeId: -1,
      closed: start + intervalMs <= nowMs
    }
  }

  private record(tick: TradeTick): void {
    const tape = this.tapes.get(tick.symbol)
    if (tape === undefined) return
    const buyerIsMaker = buyerIsMakerAfter(tape.lastTrade, tick.price)
    const quote = tick.price.mul(tick.quantity)
    const zero = new Decimal(0)
    this.addTrades(
      tape,
      tick.symbol,
      {
        open: tick.price,
        high: tick.price,
        low: tick.price,
        close: tick.price,
        volume: tick.quantity,
        quoteVolume: quote,
        tradeCount: 1,
        takerBuyBaseVolume: buyerIsMaker ? zero : tick.quantity,
        takerBuyQuoteVolume: buyerIsMaker ? zero : quote,
        lastQuantity: tick.quantity,
        lastBuyerIsMaker: buyerIsMaker
      },
      tick.timeMs
    )
    const trade = tape.lastTrade as PublicTrade
    for (const listener of this.listeners) listener(trade)
  }

  private addTrades(tape: SymbolTape, symbol: string, trades: TapeTrades, timeMs: number): void {
    const firstTradeId = tape.nextTradeId
    const lastTradeId = firstTradeId + trades.tradeCount - 1
    tape.nextTradeId += trades.tradeCount
    tape.lastTrade = { symbol, id: lastTradeId, price: trades.close, quantity: trades.lastQuantity, timeMs, buyerIsMaker: trades.lastBuyerIsMaker }
    const openTimeMs = Math.floor(timeMs / MINUTE_MS) * MINUTE_MS
    const bar = tape.bars[tape.bars.length - 1]
    if (bar !== undefined && bar.openTimeMs === openTimeMs) {
      if (trades.high.gt(bar.high)) bar.high = trades.high
      if (trades.low.lt(bar.low)) bar.low = trades.low
      bar.close = trades.close
      bar.volume = bar.volume.add(trades.volume)
      bar.quoteVolume = bar.quoteVolume.add(trades.quoteVolume)
      bar.tradeCount += trades.tradeCount
      bar.takerBuyBaseVolume = bar.takerBuyBaseVolume.add(trades.takerBuyBaseVolume)
      bar.takerBuyQuoteVolume = bar.takerBuyQuoteVolume.add(trades.takerBuyQuoteVolume)
      bar.lastTradeId = lastTradeId
      return
    }
    tape.bars.push({
      openTimeMs,
      open: trades.open,
      high: trades.high,
      low: trades.low,
      close: trades.close,
      volume: trades.volume,
      quoteVolume: trades.quoteVolume,
      tradeCount: trades.tradeCount,
      takerBuyBaseVolume: trades.takerBuyBaseVolume,
      takerBuyQuoteVolume: trades.takerBuyQuoteVolume,
      firstTradeId,
      lastTradeId
    })
    // The same month of bars the simulator's klines keep; older ones are dropped
    if (tape.bars.length > KLINE_RETENTION_BARS) tape.bars.splice(0, tape.bars.length - KLINE_RETENTION_BARS)
  }
}

function merge(bars: readonly MinuteBar[], openTimeMs: number, closeTimeMs: number, nowMs: number): TapeCandle | undefined {
  const first = bars[0]
  const last = bars[bars.length - 1]
  if (first === undefined || last === undefined) return undefined
  let high = first.high
  let low = first.low
  let volume = new Decimal(0)
  let quoteVolume = new Decimal(0)
  let takerBuyBaseVolume = new Decimal(0)
  let takerBuyQuoteVolume = new Decimal(0)
  let tradeCount = 0
  for (const bar of bars) {
    if (bar.high.gt(high)) high = bar.high
    if (bar.low.lt(low)) low = bar.low
    volume = volume.add(bar.volume)
    quoteVolume = quoteVolume.add(bar.quoteVolume)
    takerBuyBaseVolume = takerBuyBaseVolume.add(bar.takerBuyBaseVolume)
    takerBuyQuoteVolume = takerBuyQuoteVolume.add(bar.takerBuyQuoteVolume)
    tradeCount += bar.tradeCount
  }
  return {
    openTimeMs,
    closeTimeMs,
    open: first.open,
    high,
    low,
    close: last.close,
    volume,
    quoteVolume,
    tradeCount,
    takerBuyBaseVolume,
    takerBuyQuoteVolume,
    firstTradeId: first.firstTradeId,
    lastTradeId: last.lastTradeId,
    closed: closeTimeMs < nowMs
  }
}

function lowerBound(bars: readonly MinuteBar[], timeMs: number): number {
  let low = 0
  let high = bars.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((bars[middle] as MinuteBar).openTimeMs < timeMs) low = middle + 1
    else high = middle
  }
  return low
}
