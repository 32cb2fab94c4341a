import { describe, expect, it } from 'vitest'
import { readKlinesFile } from './klines-file'

const ROW = [1767225600000, '93000.00', '93100.00', '92900.00', '93050.00', '12.5', 1767225659999, '1162500.0', 420, '6.1', '567000.0', '0']

describe('readKlinesFile', () => {
  it('reads Binance klines JSON for the one symbol served', () => {
    const [candle] = readKlinesFile(JSON.stringify([ROW]), 'k.json', 'BTCUSDT')
    expect(candle && [candle.symbol, candle.openTimeMs, candle.closeTimeMs, candle.open.toFixed(), candle.close.toFixed(), candle.volume.toFixed(), candle.closed]).toEqual([
      'BTCUSDT', 1767225600000, 1767225659999, '93000', '93050', '12.5', true
    ])
  })

  it('reads klines by symbol, and CSV rows with a header and microsecond times', () => {
    expect(readKlinesFile(JSON.stringify({ ETHUSDT: [ROW] }), 'k.json', undefined).map((candle) => candle.symbol)).toEqual(['ETHUSDT'])
    const csv = 'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n1767225600000000,93000.00,93100.00,92900.00,93050.00,12.5,1767225659999999,1162500.0,420,6.1,567000.0,0\n'
    const [candle] = readKlinesFile(csv, 'k.csv', 'BTCUSDT')
    expect(candle && [candle.openTimeMs, candle.closeTimeMs, candle.high.toFixed()]).toEqual([1767225600000, 1767225659999, '93100'])
  })

  it('names what is wrong: no symbol, not JSON, a bad row, nothing at all', () => {
    expect(() => readKlinesFile(JSON.stringify([ROW]), 'k.json', undefined)).toThrow('replay file k.json names no symbol')
    expect(() => readKlinesFile('[1,', 'k.json', 'BTCUSDT')).toThrow('replay file k.json is not JSON')
    expect(() => readKlinesFile(JSON.stringify([[1, 'x']]), 'k.json', 'BTCUSDT')).toThrow('replay file k.json: kline 1 of BTCUSDT')
    expect(() => readKlinesFile('[]', 'k.json', 'BTCUSDT')).toThrow('replay file k.json holds no klines')
  })
})
