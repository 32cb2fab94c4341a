import type { Decimal } from '@shared/money/decimal'
import type { BookTicker } from '../port/book-ticker'
import type { AveragePrice, Candle, TradeTick } from '../port/market-event'
import { decimalField, integerField, rawArray, rawObject, textField } from './raw-fields'
import { BinancePayloadError } from './binance-payload-error'
import { tryParseDecimal } from '@shared/money/decimal'

/** Parses `GET /api/v3/time`. */
export function parseServerTime(raw: unknown): number {
  return integerField(rawObject(raw, 'time'), 'serverTime', 'time')
}

/** Parses `GET /api/v3/ticker/price?symbol=` into the last price. */
export function parseTickerPrice(raw: unknown): Decimal {
  return decimalField(rawObject(raw, 'ticker'), 'price', 'ticker')
}

/** Parses `GET /api/v3/avgPrice` (`{mins, price, closeTime}`). */
export function parseAvgPrice(raw: unknown): AveragePrice {
  const source = rawObject(raw, 'avgPrice')
  return { mins: integerField(source, 'mins', 'avgPrice'), price: decimalField(source, 'price', 'avgPrice'), closeTimeMs: integerField(source, 'closeTime', 'avgPrice') }
}

/** Parses `GET /api/v3/ticker/bookTicker?symbol=` into the best bid and ask. */
export function parseBookTicker(raw: unknown): BookTicker {
  const ticker = rawObject(raw, 'bookTicker')
  return { bid: decimalField(ticker, 'bidPrice', 'bookTicker'), ask: decimalField(ticker, 'askPrice', 'bookTicker') }
}

/**
 * Parses one kline of `GET /api/v3/klines` (a 12-element array, open time first). The candle is
 * closed when its close time is before `serverNowMs`; Binance's last kline is usually still forming.
 */
export function parseKline(raw: unknown, symbol: string, serverNowMs: number): Candle {
  const row = rawArray(raw, 'kline')
  const closeTimeMs = row[6]
  if (typeof row[0] !== 'number' || typeof closeTimeMs !== 'number') throw new BinancePayloadError(`a kline must start with its open time and carry its close time at [6], got ${JSON.stringify(row).slice(0, 80)}`)
  const at = (index: number): Decimal => {
    const value = tryParseDecimal(row[index])
    if (value === undefined) throw new BinancePayloadError(`kline[${index}] must be a decimal, got ${JSON.stringify(row[index])}`)
    return value
  }
  return {
    symbol,
    openTimeMs: row[0],
    closeTimeMs,
    open: at(1),
    high: at(2),
    low: at(3),
    close: at(4),
    volume: at(5),
    closed: closeTimeMs < serverNowMs
  }
}

/** Parses a `<symbol>@trade` stream event into a public trade. */
export function parseTradeTick(raw: unknown): TradeTick {
  const what = 'trade event'
  const source = rawObject(raw, what)
  return { symbol: textField(source, 's', what), price: decimalField(source, 'p', what), quantity: decimalField(source, 'q', what), timeMs: integerField(source, 'T', what) }
}
