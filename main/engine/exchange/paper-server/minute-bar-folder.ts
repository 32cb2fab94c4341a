import { Decimal } from '@shared/money/decimal'
import { barEntry, type BarEntry } from './journal-format'
import { buyerIsMakerAfter, type PreviousTick } from './tick-direction'

const MINUTE_MS = 60_000
const ZERO = new Decimal(0)

interface OpenBar {
  readonly minuteMs: number
  open: Decimal
  high: Decimal
  low: Decimal
  close: Decimal
  volume: Decimal
  quoteVolume: Decimal
  tradeCount: number
  takerBuyBaseVolume: Decimal
  takerBuyQuoteVolume: Decimal
  lastTimeMs: number
  lastQuantity: Decimal
  lastBuyerIsMaker: boolean
}

/**
 * Folds the public trades that changed nothing but the market into one bar per symbol and minute,
 * with what the paper market's tape keeps of them (quote volume, trade count, taker volumes, the
 * last trade's direction, which it reads from the trade before: so every trade, recorded or
 * folded, passes through here in print order). A bar ends when a trade of a later minute comes,
 * when a trade of its symbol is recorded on its own (so the bar goes first), or on `endAll`.
 */
export class MinuteBarFolder {
  private readonly open = new Map<string, OpenBar>()
  private readonly previous = new Map<string, PreviousTick>()

  /** Folds one trade; returns the bar it ended (the symbol's trades of an earlier minute), if any. */
  fold(timeMs: number, symbol: string, price: Decimal, quantity: Decimal): BarEntry | undefined {
    const buyerIsMaker = this.direction(symbol, price)
    const minuteMs = Math.floor(timeMs / MINUTE_MS) * MINUTE_MS
    const quote = price.mul(quantity)
    const takerBase = buyerIsMaker ? ZERO : quantity
    const takerQuote = buyerIsMaker ? ZERO : quote
    const bar = this.open.get(symbol)
    if (bar !== undefined && bar.minuteMs === minuteMs) {
      if (price.gt(bar.high)) bar.high = price
      if (price.lt(bar.low)) bar.low = price
      bar.close = price
      bar.volume = bar.volume.add(quantity)
      bar.quoteVolume = bar.quoteVolume.add(quote)
      bar.tradeCount += 1
      bar.takerBuyBaseVolume = bar.takerBuyBaseVolume.add(takerBase)
      bar.takerBuyQuoteVolume = bar.takerBuyQuoteVolume.add(takerQuote)
      bar.lastTimeMs = timeMs
      bar.lastQuantity = quantity
      bar.lastBuyerIsMaker = buyerIsMaker
      return undefined
    }
    const ended = this.end(symbol)
    this.open.set(symbol, {
      minuteMs,
      open: price,
      high: price,
      low: price,
      close: price,
      volume: quantity,
      quoteVolume: quote,
      tradeCount: 1,
      takerBuyBaseVolume: takerBase,
      takerBuyQuoteVolume: takerQuote,
      lastTimeMs: timeMs,
      lastQuantity: quantity,
      lastBuyerIsMaker: buyerIsMaker
    })
    return ended
  }

  /** Notes a trade recorded on its own; returns the symbol's open bar, ended, which goes before it. */
  pass(symbol: string, price: Decimal): BarEntry | undefined {
    const ended = this.end(symbol)
    this.direction(symbol, price)
    return ended
  }

  /** Takes the last trade's price and direction of a bar read back from a file. */
  restored(entry: BarEntry): void {
    this.previous.set(entry.s, { price: new Decimal(entry.c), buyerIsMaker: entry.m })
  }

  /** Ends the open bar of a symbol and returns it, if there is one. */
  end(symbol: string): BarEntry | undefined {
    const bar = this.open.get(symbol)
    if (bar === undefined) return undefined
    this.open.delete(symbol)
    return barEntry(
      symbol,
      {
        open: bar.open,
        high: bar.high,
        low: bar.low,
        close: bar.close,
        volume: bar.volume,
        quoteVolume: bar.quoteVolume,
        tradeCount: bar.tradeCount,
        takerBuyBaseVolume: bar.takerBuyBaseVolume,
        takerBuyQuoteVolume: bar.takerBuyQuoteVolume,
        lastQuantity: bar.lastQuantity,
        lastBuyerIsMaker: bar.lastBuyerIsMaker
      },
      bar.lastTimeMs
    )
  }

  /** Ends every open bar and returns them, oldest last trade first. */
  endAll(): BarEntry[] {
    const symbols = [...this.open.entries()].sort(([, a], [, b]) => a.lastTimeMs - b.lastTimeMs).map(([symbol]) => symbol)
    return symbols.map((symbol) => this.end(symbol) as BarEntry)
  }

  private direction(symbol: string, price: Decimal): boolean {
    const buyerIsMaker = buyerIsMakerAfter(this.previous.get(symbol), price)
    this.previous.set(symbol, { price, buyerIsMaker })
    return buyerIsMaker
  }
}
