import { describe, expect, it } from 'vitest'
import type { CandleSeries } from './candle-series'
import { isKlinesFileError } from './klines-file-error'
import { parseKlines } from './parse-klines'
import { priceText } from './price-text'
import { BINANCE_CSV_HEADER, binanceCsvLine, binanceRow, freqtradeJson, JAN_2024_MS, minuteKlines } from './stubs'

const MINUTE = 60_000
const KLINES = minuteKlines(3)
const CSV = `${KLINES.map((kline) => binanceCsvLine(kline)).join('\n')}\n`

/** Returns the series as plain rows of exact text, for comparing. */
function rowsOf(series: CandleSeries): string[][] {
  return Array.from({ length: series.length }, (_, at) => [
    new Date(series.openTimeMs[at] as number).toISOString(),
    priceText(series, series.open[at] as number),
    priceText(series, series.high[at] as number),
    priceText(series, series.low[at] as number),
    priceText(series, series.close[at] as number),
    String(series.volume[at])
  ])
}

const EXPECTED = [
  ['2024-01-01T00:00:00.000Z', '60000', '60000.05', '59999.95', '60000.01', '1.5'],
  ['2024-01-01T00:01:00.000Z', '60000.01', '60000.06', '59999.96', '60000.02', '2.5'],
  ['2024-01-01T00:02:00.000Z', '60000.02', '60000.07', '59999.97', '60000.03', '3.5']
]

/** Returns the message parseKlines throws for the text. */
function failure(text: string, file = 'k.csv', interval?: string): string {
  try {
    parseKlines(text, file, interval === undefined ? {} : { interval })
  } catch (error) {
    expect(isKlinesFileError(error)).toBe(true)
    return (error as Error).message
  }
  throw new Error('parseKlines did not throw')
}

describe('parseKlines: the formats', () => {
  it('reads Binance CSV without a header', () => {
    const series = parseKlines(CSV, 'k.csv')
    expect(series).toMatchObject({ symbol: null, interval: '1m', intervalMs: MINUTE, scale: 2, length: 3 })
    expect(series.open).toBeInstanceOf(Float64Array)
    expect(Array.from(series.open)).toEqual([6000000, 6000001, 6000002])
    expect(rowsOf(series)).toEqual(EXPECTED)
  })

  it('reads Binance CSV with a header, CRLF line ends and microsecond times (2025+ files)', () => {
    const text = `${BINANCE_CSV_HEADER}\r\n${KLINES.map((kline) => binanceCsvLine(kline, MINUTE, true)).join('\r\n')}\r\n`
    expect(rowsOf(parseKlines(text, 'k.csv'))).toEqual(EXPECTED)
  })

  it('reads the 11-column variant without the ignore column, and a mix of ms and µs rows', () => {
    const lines = KLINES.map((kline, index) => binanceCsvLine(kline, MINUTE, index === 2).split(',').slice(0, 11).join(','))
    expect(rowsOf(parseKlines(`timestamp,open,high,low,close,volume,close_time,quote_volume,trades,taker_buy_base,taker_buy_quote\n${lines.join('\n')}`, 'k.csv'))).toEqual(EXPECTED)
  })

  it("reads Binance's klines JSON", () => {
    const series = parseKlines(JSON.stringify(KLINES.map((kline) => binanceRow(kline))), 'k.json', { symbol: 'BTCUSDT' })
    expect(series.symbol).toBe('BTCUSDT')
    expect(rowsOf(series)).toEqual(EXPECTED)
  })

  it("reads freqtrade's JSON numbers as their shortest round-trip text", () => {
    const series = parseKlines(freqtradeJson(KLINES), 'BTC_USDT-1m.json')
    expect(rowsOf(series)).toEqual(EXPECTED)
    const plain = parseKlines(`[[${JAN_2024_MS},58632.0,58632.0,1e-7,0.1,1e-7],[${JAN_2024_MS + MINUTE},0.3,0.3,0.3,0.3,0]]`, 'f.json')
    expect(plain.scale).toBe(7)
    expect(rowsOf(plain)[0]).toEqual(['2024-01-01T00:00:00.000Z', '58632', '58632', '0.0000001', '0.1', '1e-7'])
  })
})

describe('parseKlines: exact prices', () => {
  it("scales every price by the file's most decimals, exactly", () => {
    const rows = [
      { openTimeMs: JAN_2024_MS, open: '0.00001234', high: '65000.1', low: '0.00001234', close: '65000.10000000', volume: '1' },
      { openTimeMs: JAN_2024_MS + MINUTE, open: '65000.1', high: '65000.1', low: '0.1', close: '0.30000000', volume: '2' }
    ]
    const series = parseKlines(rows.map((kline) => binanceCsvLine(kline)).join('\n'), 'k.csv')
    expect(series.scale).toBe(8)
    expect([series.open[0], series.high[0], series.close[0], series.close[1]]).toEqual([1234, 6500010000000, 6500010000000, 30000000])
    expect(rowsOf(series).map((row) => row.slice(1, 5))).toEqual([
      ['0.00001234', '65000.1', '0.00001234', '65000.1'],
      ['65000.1', '65000.1', '0.1', '0.3']
    ])
  })

  it('refuses a price that does not fit below 2^53 at the scale, naming the row', () => {
    const rows = [
      { openTimeMs: JAN_2024_MS, open: '90071992547409.91', high: '90071992547409.91', low: '1', close: '1', volume: '1' },
      { openTimeMs: JAN_2024_MS + MINUTE, open: '1.001', high: '1.001', low: '1.001', close: '1.001', volume: '1' }
    ]
    expect(failure(rows.map((kline) => binanceCsvLine(kline)).join('\n'))).toBe("k.csv line 1: open 90071992547409.91 does not fit: at the file's 3 decimals it is not below 2^53")
  })
})

describe('parseKlines: order and duplicates', () => {
  it('sorts rows out of order', () => {
    const [a, b, c] = KLINES.map((kline) => binanceCsvLine(kline))
    expect(rowsOf(parseKlines([c, a, b].join('\n'), 'k.csv'))).toEqual(EXPECTED)
  })

  it('keeps one of identical repeats, even written differently', () => {
    const [a, b, c] = KLINES.map((kline) => binanceCsvLine(kline))
    const padded = binanceCsvLine({ ...(KLINES[1] as (typeof KLINES)[number]), open: '60000.01000000', volume: '2.50' })
    expect(rowsOf(parseKlines([a, b, c, padded, a].join('\n'), 'k.csv'))).toEqual(EXPECTED)
  })

  it('refuses a repeated open time with different values, naming both rows', () => {
    const lines = KLINES.map((kline) => binanceCsvLine(kline))
    lines.push(binanceCsvLine({ ...(KLINES[0] as (typeof KLINES)[number]), close: '60000.02' }))
    expect(failure(lines.join('\n'))).toBe('k.csv lines 1 and 4: both open at 2024-01-01T00:00:00.000Z with different values')
    const json = JSON.parse(freqtradeJson(KLINES)) as number[][]
    json.unshift([JAN_2024_MS + 2 * MINUTE, 1, 1, 1, 1, 1])
    expect(failure(JSON.stringify(json), 'f.json')).toBe('f.json rows 1 and 4: both open at 2024-01-01T00:02:00.000Z with different values')
  })
})

describe('parseKlines: the interval', () => {
  it('infers it from the most common spacing, gaps included', () => {
    const hours = minuteKlines(6).map((kline, index) => ({ ...kline, openTimeMs: JAN_2024_MS + [0, 1, 2, 5, 6, 9][index]! * 3_600_000 }))
    expect(parseKlines(hours.map((kline) => binanceCsvLine(kline)).join('\n'), 'k.csv')).toMatchObject({ interval: '1h', intervalMs: 3_600_000, length: 6 })
  })

  it('takes a given interval, which a single candle needs', () => {
    const one = binanceCsvLine(KLINES[0] as (typeof KLINES)[number])
    expect(failure(one)).toBe('k.csv: has a single candle, so its interval cannot be inferred; give the interval')
    expect(parseKlines(one, 'k.csv', { interval: '1m' })).toMatchObject({ interval: '1m', length: 1 })
    expect(parseKlines(CSV, 'k.csv', { interval: '1m' }).interval).toBe('1m')
    expect(failure(CSV, 'k.csv', '1M')).toBe('k.csv: interval "1M" is not one of 1s, 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w')
  })

  it('refuses mixed spacing, naming the two rows', () => {
    const lines = KLINES.map((kline) => binanceCsvLine(kline))
    lines.push(binanceCsvLine({ ...(KLINES[2] as (typeof KLINES)[number]), openTimeMs: JAN_2024_MS + 2 * MINUTE + 90_000 }))
    expect(failure(lines.join('\n'))).toBe('k.csv lines 3 and 4: open 90 s apart, not a whole number of 1m candles')
    expect(failure(CSV, 'k.csv', '1h')).toBe('k.csv lines 1 and 2: open 1 min apart, not a whole number of 1h candles')
  })

  it('refuses a spacing that is no Binance interval', () => {
    const lines = KLINES.map((kline, index) => binanceCsvLine({ ...kline, openTimeMs: JAN_2024_MS + index * 7 * MINUTE }))
    expect(failure(lines.join('\n'))).toBe('k.csv: the most common spacing of open times, 7 min, is not a Binance interval (1s, 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w)')
  })
})

describe('parseKlines: malformed rows are errors with the file, the row and what is wrong', () => {
  const line = (change: Record<string, string>) => binanceCsvLine({ ...(KLINES[1] as (typeof KLINES)[number]), ...change })
  const withSecond = (second: string) => [binanceCsvLine(KLINES[0] as (typeof KLINES)[number]), second, binanceCsvLine(KLINES[2] as (typeof KLINES)[number])].join('\n')

  it.each([
    [withSecond(line({ high: 'abc' })), 'k.csv line 2: high "abc" is not a plain decimal number'],
    [withSecond(line({ low: '-1' })), 'k.csv line 2: low "-1" is not a plain decimal number'],
    [withSecond(line({ close: '1e5' })), 'k.csv line 2: close "1e5" is not a plain decimal number'],
    [withSecond(line({ open: '' })), 'k.csv line 2: open "" is not a plain decimal number'],
    [withSecond(line({ open: '0.0000000000001' })), 'k.csv line 2: open "0.0000000000001" has more than 12 decimals'],
    [withSecond(line({ volume: 'lots' })), 'k.csv line 2: volume "lots" is not a plain decimal number'],
    [withSecond(line({ high: '60000.00' })), 'k.csv line 2: high 60000 is below open 60000.01'],
    [withSecond(line({ low: '60000.05' })), 'k.csv line 2: low 60000.05 is above open 60000.01'],
    [withSecond(line({ low: '70000' })), 'k.csv line 2: low 70000 is above high 60000.06'],
    [withSecond('1704067260000,60000.01,60000.06'), "k.csv line 2: has 3 columns; Binance's klines CSV has 12 (or 11, without the last 'ignore' column)"],
    [withSecond('2024-01-01 00:01,60000.01,60000.06,59999.96,60000.02,2.5,1704067319999,1000.0,42,1.0,100.0,0'), 'k.csv line 2: open time "2024-01-01 00:01" is not a whole number'],
    [withSecond('1704067260000500,60000.01,60000.06,59999.96,60000.02,2.5,1704067319999,1000.0,42,1.0,100.0,0'), 'k.csv line 2: open time 1704067260000500 is not a whole number of milliseconds or microseconds'],
    [`${BINANCE_CSV_HEADER}\n${BINANCE_CSV_HEADER}\n${CSV}`, 'k.csv line 2: open time "open_time" is not a whole number'],
    ['', 'k.csv: holds no klines'],
    [`${BINANCE_CSV_HEADER}\n\n`, 'k.csv: holds no klines']
  ])('CSV %#', (text, message) => {
    expect(failure(text)).toBe(message)
  })

  it.each([
    ['[', /^k\.json: is not JSON: /],
    ['[]', 'k.json: holds no klines'],
    ['{"BTCUSDT": []}', 'k.json: is JSON but not an array of klines'],
    ['[[1, 2, 3]]', 'k.json row 1: is neither a freqtrade kline [time, open, high, low, close, volume] nor a Binance 12-element kline'],
    [`[[${JAN_2024_MS},1,1,1,1,1],[${JAN_2024_MS + MINUTE},"1",1,1,1,1]]`, 'k.json row 2: expected freqtrade\'s [time, open, high, low, close, volume] with numbers, got [1704067260000,"1",1,1,1,1]'],
    [`[[${JAN_2024_MS},1,1,1,1,1],[${JAN_2024_MS + MINUTE},-1,1,1,1,1]]`, 'k.json row 2: open "-1" is not a plain decimal number'],
    [`[[${JAN_2024_MS},1,1,1,1,1],[${JAN_2024_MS + MINUTE}.5,1,1,1,1,1]]`, 'k.json row 2: open time 1704067260000.5 is not a whole number of milliseconds or microseconds'],
    [`[[${JAN_2024_MS},1,1,1,1,-2]]`, 'k.json row 1: volume -2 is not a non-negative number'],
    [JSON.stringify([binanceRow(KLINES[0] as (typeof KLINES)[number]), [...binanceRow(KLINES[1] as (typeof KLINES)[number]).slice(0, 2), 60000.06, ...binanceRow(KLINES[1] as (typeof KLINES)[number]).slice(3)]]), 'k.json row 2: expected Binance\'s 12-element kline [openTime, "open", "high", "low", "close", "volume", ...], got [1704067260000,"60000.01",60000.06,"59999.96","60000.02","2.5",1704067319999,"1…']
  ])('JSON %#', (text, message) => {
    if (message instanceof RegExp) expect(failure(text, 'k.json')).toMatch(message)
    else expect(failure(text, 'k.json')).toBe(message)
  })
})
