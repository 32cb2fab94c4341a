import type { Decimal } from '@shared/money/decimal'
import type { PublicTrade, TapeCandle } from './market-tape'
import { wireDecimal } from './wire-decimal'

type Json = Record<string, unknown>

/** Returns a `<symbol>@trade` event. */
export function tradePayload(trade: PublicTrade, eventTimeMs: number): Json {
  return { e: 'trade', E: eventTimeMs, s: trade.symbol, t: trade.id, p: wireDecimal(trade.price), q: wireDecimal(trade.quantity), T: trade.timeMs, m: trade.buyerIsMaker, M: true }
}

/** Returns a `<symbol>@aggTrade` event: each paper trade is its own aggregate. */
export function aggTradePayload(trade: PublicTrade, eventTimeMs: number): Json {
  return {
    e: 'aggTrade',
    E: eventTimeMs,
    s: trade.symbol,
    a: trade.id,
    p: wireDecimal(trade.price),
    q: wireDecimal(trade.quantity),
    f: trade.id,
    l: trade.id,
    T: trade.timeMs,
    m: trade.buyerIsMaker,
    M: true
  }
}

/** Returns a `<symbol>@kline_<interval>` event. */
export function klinePayload(symbol: string, interval: string, candle: TapeCandle, eventTimeMs: number): Json {
  return {
    e: 'kline',
    E: eventTimeMs,
    s: symbol,
    k: {
      t: candle.openTimeMs,
      T: candle.closeTimeMs,
      s: symbol,
      i: interval,
      f: candle.firstTradeId,
      L: candle.lastTradeId,
      o: wireDecimal(candle.open),
      c: wireDecimal(candle.close),
      h: wireDecimal(candle.high),
      l: wireDecimal(candle.low),
      v: wireDecimal(candle.volume),
      n: candle.tradeCount,
      x: candle.closed,
      q: wireDecimal(candle.quoteVolume),
      V: wireDecimal(candle.takerBuyBaseVolume),
      Q: wireDecimal(candle.takerBuyQuoteVolume),
      B: '0'
    }
  }
}

/** Returns a `<symbol>@bookTicker` event (Binance sends it without `e` and `E`). */
export function bookTickerPayload(symbol: string, updateId: number, quotes: { bidPrice: string; bidQty: string; askPrice: string; askQty: string }): Json {
  return { u: updateId, s: symbol, b: quotes.bidPrice, B: quotes.bidQty, a: quotes.askPrice, A: quotes.askQty }
}

/** Returns a `<symbol>@avgPrice` event. */
export function avgPricePayload(symbol: string, price: Decimal, lastTradeTimeMs: number, eventTimeMs: number): Json {
  return { e: 'avgPrice', E: eventTimeMs, s: symbol, i: '5m', w: wireDecimal(price), T: lastTradeTimeMs }
}
