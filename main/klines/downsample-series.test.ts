import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { syntheticSeries } from '../backtest/synthetic-series'
import { downsampleSeries } from './downsample-series'
import { parseKlines } from './parse-klines'
import { priceText } from './price-text'
import { binanceCsvLine, minuteKlines, type KlineFixture } from './stubs'

const MINUTE = 60_000
const DAY = 86_400_000

/** Aggregates fixture klines by hand, with decimals: what Binance's longer candle of the bucket says. */
function expectedBars(klines: readonly KlineFixture[], bucketMs: number, offsetMs = 0) {
  const buckets = new Map<number, KlineFixture[]>()
  for (const kline of klines) {
    const start = Math.floor((kline.openTimeMs - offsetMs) / bucketMs) * bucketMs + offsetMs
    buckets.set(start, [...(buckets.get(start) ?? []), kline])
  }
  return [...buckets].map(([openTimeMs, members]) => ({
    openTimeMs,
    open: (members[0] as KlineFixture).open,
    high: Decimal.max(...members.map((kline) => kline.high)).toFixed(),
    low: Decimal.min(...members.map((kline) => kline.low)).toFixed(),
    close: (members.at(-1) as KlineFixture).close,
    volume: members.reduce((sum, kline) => sum.add(kline.volume), new Decimal(0)).toFixed()
  }))
}

/** Fixture klines that wander up and down with prices of up to three decimals. */
function wanderingKlines(count: number, startMs: number): KlineFixture[] {
  return minuteKlines(count, startMs).map((kline, index) => {
    const base = new Decimal(60_000).add(new Decimal(Math.round(Math.sin(index / 7) * 250_000)).div(1000))
    return { ...kline, open: base.toFixed(), high: base.add('3.125').toFixed(), low: base.sub(index % 5).sub('0.001').toFixed(), close: base.add(index % 3).toFixed(), volume: `${index % 4}.25` }
  })
}

describe('downsampleSeries', () => {
  it('builds each longer candle as Binance does: first open, highest high, lowest low, last close, volumes added', () => {
    // Starting at 00:03, so the first 15m bucket (00:00) holds 12 candles, not 15
    const klines = wanderingKlines(200, Date.UTC(2024, 0, 1, 0, 3))
    const series = parseKlines(klines.map((kline) => binanceCsvLine(kline)).join('\n'), 'k.csv', { symbol: 'BTCUSDT' })
    const bars = downsampleSeries(series, 20)
    expect(bars.interval).toBe('15m')
    expect(bars.candles).toEqual(expectedBars(klines, 15 * MINUTE))
    expect(bars.candles[0]?.openTimeMs).toBe(Date.UTC(2024, 0, 1))
  })

  it('leaves a bucket with no candle out, and keeps the candles as they are when they fit', () => {
    const klines = wanderingKlines(60, Date.UTC(2024, 0, 1)).filter((_, index) => index < 15 || index >= 30)
    const series = parseKlines(klines.map((kline) => binanceCsvLine(kline)).join('\n'), 'k.csv', { symbol: 'BTCUSDT', interval: '1m' })
    const bars = downsampleSeries(series, 5)
    expect(bars.interval).toBe('15m')
    expect(bars.candles.map((bar) => bar.openTimeMs)).toEqual([0, 2, 3].map((quarter) => Date.UTC(2024, 0, 1) + quarter * 15 * MINUTE))
    expect(bars.candles).toEqual(expectedBars(klines, 15 * MINUTE))
    const same = downsampleSeries(series, 1000)
    expect(same.interval).toBe('1m')
    expect(same.candles).toEqual(klines.map(({ openTimeMs, open, high, low, close, volume }) => ({ openTimeMs, open, high, low, close, volume })))
  })

  it('turns a year of one-minute candles into two-hour bars, at most 5,000 of them, with exact prices', () => {
    const series = syntheticSeries({ symbol: 'BTCUSDT', candles: 525_600, startMs: Date.UTC(2024, 0, 1), startCents: 6_000_000, volatility: 0.0008, reversion: 0.001, seed: 3 })
    const bars = downsampleSeries(series, 5_000)
    expect(bars.interval).toBe('2h')
    expect(bars.candles).toHaveLength(4_380)
    // The third bar: candles 240 to 359
    const members = Array.from({ length: 120 }, (_, offset) => 240 + offset)
    expect(bars.candles[2]).toMatchObject({
      openTimeMs: Date.UTC(2024, 0, 1, 4),
      open: priceText(series, series.open[240] as number),
      high: priceText(series, Math.max(...members.map((index) => series.high[index] as number))),
      low: priceText(series, Math.min(...members.map((index) => series.low[index] as number))),
      close: priceText(series, series.close[359] as number)
    })
  })

  it('starts weekly bars on Mondays, as Binance does', () => {
    // 2024-01-03 was a Wednesday; daily candles for eight weeks
    const days = Array.from({ length: 56 }, (_, index) => ({ ...(minuteKlines(1)[0] as KlineFixture), openTimeMs: Date.UTC(2024, 0, 3) + index * DAY }))
    const series = parseKlines(days.map((kline) => binanceCsvLine(kline, DAY)).join('\n'), 'k.csv', { symbol: 'BTCUSDT', interval: '1d' })
    const bars = downsampleSeries(series, 9)
    expect(bars.interval).toBe('1w')
    expect(bars.candles.map((bar) => new Date(bar.openTimeMs).getUTCDay())).toEqual(Array.from({ length: 9 }, () => 1))
    expect(bars.candles[0]?.openTimeMs).toBe(Date.UTC(2024, 0, 1))
  })
})
