/** One kline as test fixtures write it: open time in ms and the five values as decimal text. */
export interface KlineFixture {
  readonly openTimeMs: number
  readonly open: string
  readonly high: string
  readonly low: string
  readonly close: string
  readonly volume: string
}

/** 2024-01-01T00:00:00Z in milliseconds. */
export const JAN_2024_MS = Date.UTC(2024, 0, 1)

/** Returns `count` one-minute klines from `startMs` with prices stepping up by 0.01 from 60000. */
export function minuteKlines(count: number, startMs = JAN_2024_MS): KlineFixture[] {
  return Array.from({ length: count }, (_, index) => {
    const cents = 6_000_000 + index
    const price = (offset: number) => `${Math.floor((cents + offset) / 100)}.${String((cents + offset) % 100).padStart(2, '0')}`
    return { openTimeMs: startMs + index * 60_000, open: price(0), high: price(5), low: price(-5), close: price(1), volume: `${index + 1}.5` }
  })
}

/** Returns a kline as Binance's 12-element REST array, closing one millisecond before `intervalMs` ends. */
export function binanceRow(kline: KlineFixture, intervalMs = 60_000): unknown[] {
  return [kline.openTimeMs, kline.open, kline.high, kline.low, kline.close, kline.volume, kline.openTimeMs + intervalMs - 1, '1000.0', 42, '1.0', '100.0', '0']
}

/** Returns a kline as a line of data.binance.vision's CSV; `microseconds` writes both times in µs as 2025+ files do. */
export function binanceCsvLine(kline: KlineFixture, intervalMs = 60_000, microseconds = false): string {
  const row = binanceRow(kline, intervalMs)
  if (microseconds) {
    row[0] = `${kline.openTimeMs}000`
    row[6] = `${kline.openTimeMs + intervalMs - 1}999`
  }
  return row.join(',')
}

/** The header line of data.binance.vision's klines CSV. */
export const BINANCE_CSV_HEADER = 'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore'

/** Returns klines as freqtrade's JSON text: `[time, open, high, low, close, volume]` numbers. */
export function freqtradeJson(klines: readonly KlineFixture[]): string {
  return `[${klines.map((k) => `[${k.openTimeMs},${k.open},${k.high},${k.low},${k.close},${k.volume}]`).join(',')}]`
}
