import { describe, expect, it } from 'vitest'
import market from './fixtures/market.json'
import { parseAvgPrice, parseBookTicker, parseKline, parseServerTime, parseTickerPrice, parseTradeTick } from './parse-market'

describe('market parsers', () => {
  it('reads the server time and the last price', () => {
    expect(parseServerTime(market.time)).toBe(1795893074779)
    expect(parseTickerPrice(market.ticker).toFixed()).toBe('100')
  })

  it('reads the average price with its window and last trade time', () => {
    const average = parseAvgPrice(market.avgPrice)
    expect([average.mins, average.price.toFixed(), average.closeTimeMs]).toEqual([5, '9.35751834', 1694061154503])
    expect(() => parseAvgPrice({ mins: 5, price: 9.3 })).toThrow()
  })

  it('reads the best bid and ask', () => {
    const book = parseBookTicker(market.bookTicker)
    expect([book.bid.toFixed(), book.ask.toFixed()]).toEqual(['99.99', '100.01'])
    expect(() => parseBookTicker({ symbol: 'BTCUSDT', bidPrice: 99.99 })).toThrow(expect.objectContaining({ name: 'BinancePayloadError' }))
  })

  it('reads klines as candles and marks the one still forming', () => {
    const candles = market.klines.map((row) => parseKline(row, 'BTCUSDT', market.time.serverTime))
    expect(candles.map((candle) => [candle.open.toFixed(), candle.high.toFixed(), candle.low.toFixed(), candle.close.toFixed(), candle.volume.toFixed(), candle.closed])).toEqual([
      ['98', '99.5', '97.9', '99', '3.2', true],
      ['99', '99.1', '98.4', '98.5', '0.2', true],
      ['98.5', '98.5', '98.5', '98.5', '0', false]
    ])
    expect(() => parseKline(['x'], 'BTCUSDT', 0)).toThrow(expect.objectContaining({ name: 'BinancePayloadError' }))
  })

  it('reads a trade stream event as a tick', () => {
    const tick = parseTradeTick(market.trade)
    expect([tick.symbol, tick.price.toFixed(), tick.quantity.toFixed(), tick.timeMs]).toEqual(['BTCUSDT', '98.5', '0.2', 1795893074779])
  })
})
