import { describe, expect, it } from 'vitest'
import { candleAt } from './candle-at'
import { parseKlines } from './parse-klines'
import { binanceCsvLine, JAN_2024_MS, minuteKlines } from './stubs'

const text = minuteKlines(2).map((kline) => binanceCsvLine(kline)).join('\n')

describe('candleAt', () => {
  it("returns one candle as the engine's Candle with exact Decimal prices", () => {
    const candle = candleAt(parseKlines(text, 'k.csv', { symbol: 'BTCUSDT' }), 1)
    expect({ ...candle, open: candle.open.toFixed(), high: candle.high.toFixed(), low: candle.low.toFixed(), close: candle.close.toFixed(), volume: candle.volume.toFixed() }).toEqual({
      symbol: 'BTCUSDT',
      openTimeMs: JAN_2024_MS + 60_000,
      closeTimeMs: JAN_2024_MS + 119_999,
      open: '60000.01',
      high: '60000.06',
      low: '59999.96',
      close: '60000.02',
      volume: '2.5',
      closed: true
    })
  })

  it('needs a symbol and an index inside the series', () => {
    const series = parseKlines(text, 'k.csv')
    expect(candleAt(series, 0, 'ETHUSDT').symbol).toBe('ETHUSDT')
    expect(() => candleAt(series, 0)).toThrow('the series names no symbol; give one')
    expect(() => candleAt(series, 2, 'ETHUSDT')).toThrow('candle 2 is outside the series of 2')
  })
})
