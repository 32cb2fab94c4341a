import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { KLINE_INTERVALS_MS, KLINE_RETENTION_BARS, KlineBook } from './kline-book'

const d = (value: string) => new Decimal(value)
const T0 = Date.UTC(2026, 0, 1)
const MIN = 60_000
const brief = (candle: { openTimeMs: number; open: Decimal; high: Decimal; low: Decimal; close: Decimal; volume: Decimal }) =>
  `${(candle.openTimeMs - T0) / MIN} ${candle.open.toFixed()} ${candle.high.toFixed()} ${candle.low.toFixed()} ${candle.close.toFixed()} ${candle.volume.toFixed()}`

describe('KlineBook', () => {
  it('builds one-minute candles with open, high, low, close and volume of the trades', () => {
    const book = new KlineBook()
    book.record('X', d('10'), d('1'), T0)
    book.record('X', d('12'), d('0.5'), T0 + 10_000)
    book.record('X', d('9'), d('2'), T0 + 20_000)
    book.record('X', d('11'), d('1'), T0 + 59_999)
    book.record('X', d('11.5'), d('3'), T0 + MIN)
    expect(book.closedCandles('X', MIN, 10, T0 + 2 * MIN).map(brief)).toEqual(['0 10 12 9 11 4.5', '1 11.5 11.5 11.5 11.5 3'])
  })

  it('leaves out the candle that is still forming', () => {
    const book = new KlineBook()
    book.record('X', d('10'), d('1'), T0)
    book.record('X', d('11'), d('1'), T0 + MIN)
    expect(book.closedCandles('X', MIN, 10, T0 + MIN + 1).map(brief)).toEqual(['0 10 10 10 10 1'])
    const candle = book.closedCandles('X', MIN, 1, T0 + MIN)[0]
    expect(candle).toMatchObject({ openTimeMs: T0, closeTimeMs: T0 + MIN - 1, closed: true })
  })

  it('fills minutes without trades with the last close and zero volume', () => {
    const book = new KlineBook()
    book.record('X', d('10'), d('1'), T0)
    book.record('X', d('12'), d('1'), T0 + 3 * MIN)
    expect(book.closedCandles('X', MIN, 10, T0 + 4 * MIN).map(brief)).toEqual(['0 10 10 10 10 1', '1 10 10 10 10 0', '2 10 10 10 10 0', '3 12 12 12 12 1'])
  })

  it('merges minutes into longer intervals and honours the limit', () => {
    const book = new KlineBook()
    for (let minute = 0; minute < 15; minute += 1) book.record('X', d(String(100 + minute)), d('1'), T0 + minute * MIN)
    const fives = book.closedCandles('X', KLINE_INTERVALS_MS['5m'] as number, 2, T0 + 15 * MIN)
    expect(fives.map(brief)).toEqual(['5 105 109 105 109 5', '10 110 114 110 114 5'])
  })

  it('restores merged trades exactly as it records them one by one, for every interval', () => {
    const trades: [number, string, string][] = [
      [0, '10', '1'],
      [10_000, '12', '0.5'],
      [59_999, '9', '2'],
      [MIN + 5_000, '11', '1'],
      [MIN + 6_000, '13', '1'],
      [4 * MIN, '8', '3']
    ]
    const recorded = new KlineBook()
    for (const [offsetMs, price, quantity] of trades) recorded.record('X', d(price), d(quantity), T0 + offsetMs)
    const restored = new KlineBook()
    // The first minute in two stretches (a recorded trade came between them), the others whole
    restored.restore('X', { open: d('10'), high: d('12'), low: d('10'), close: d('12'), volume: d('1.5') }, T0 + 10_000)
    restored.record('X', d('9'), d('2'), T0 + 59_999)
    restored.restore('X', { open: d('11'), high: d('13'), low: d('11'), close: d('13'), volume: d('2') }, T0 + MIN + 6_000)
    restored.restore('X', { open: d('8'), high: d('8'), low: d('8'), close: d('8'), volume: d('3') }, T0 + 4 * MIN)
    for (const intervalMs of Object.values(KLINE_INTERVALS_MS)) {
      expect(restored.closedCandles('X', intervalMs, 1000, T0 + 2 * 86_400_000)).toEqual(recorded.closedCandles('X', intervalMs, 1000, T0 + 2 * 86_400_000))
    }
  })

  it('keeps the newest bars of a symbol up to its retention', () => {
    const book = new KlineBook(3)
    for (let minute = 0; minute < 5; minute += 1) book.record('X', d(String(100 + minute)), d('1'), T0 + minute * MIN)
    expect(book.closedCandles('X', MIN, 10, T0 + 5 * MIN).map(brief)).toEqual(['2 102 102 102 102 1', '3 103 103 103 103 1', '4 104 104 104 104 1'])
    expect(KLINE_RETENTION_BARS).toBeGreaterThanOrEqual(1000 * 30)
  })

  it('returns nothing for an unseen symbol', () => {
    expect(new KlineBook().closedCandles('Y', MIN, 5, T0)).toEqual([])
  })
})
