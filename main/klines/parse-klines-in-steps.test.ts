import { describe, expect, it } from 'vitest'
import { parseKlines } from './parse-klines'
import { parseKlinesInSteps } from './parse-klines-in-steps'
import { BINANCE_CSV_HEADER, binanceCsvLine, freqtradeJson, minuteKlines } from './stubs'

const klines = minuteKlines(300)
const lines = klines.map((kline) => binanceCsvLine(kline))

/** The series' columns as plain arrays, to compare two series. */
function columns(series: Awaited<ReturnType<typeof parseKlinesInSteps>>) {
  const { openTimeMs, open, high, low, close, volume, ...rest } = series
  return { ...rest, columns: [openTimeMs, open, high, low, close, volume].map((column) => Array.from(column)) }
}

describe('parseKlinesInSteps', () => {
  it('parses a long CSV a chunk at a time into the series a parse in one piece gives', async () => {
    const text = `${BINANCE_CSV_HEADER}\n${lines.join('\n')}\n`
    const steps: number[] = []
    const series = await parseKlinesInSteps(text, 'k.csv', { symbol: 'BTCUSDT', chunkChars: 2_000, onStep: (done) => steps.push(done) })
    expect(steps.length).toBeGreaterThan(10)
    expect(columns(series)).toEqual(columns(parseKlines(text, 'k.csv', { symbol: 'BTCUSDT' })))
  })

  it('falls back to one piece when rows are out of order or repeated across chunks, and orders them as parseKlines does', async () => {
    const shuffled = [...lines.slice(150), ...lines.slice(0, 150), ...lines.slice(10, 20)].join('\n')
    const series = await parseKlinesInSteps(shuffled, 'k.csv', { chunkChars: 2_000 })
    expect(series.length).toBe(300)
    expect(columns(series)).toEqual(columns(parseKlines(shuffled, 'k.csv')))
  })

  it('names the line at fault in the whole file, as parseKlines does', async () => {
    const broken = [...lines.slice(0, 200), '1704067200000,oops', ...lines.slice(200)].join('\n')
    await expect(parseKlinesInSteps(broken, 'k.csv', { chunkChars: 2_000 })).rejects.toThrow('k.csv line 201: has 2 columns')
    // A line a later chunk starts with is not taken for a header
    const text = lines.join('\n')
    const cut = text.indexOf('\n', 2_000) + 1
    await expect(parseKlinesInSteps(`${text.slice(0, cut)}open_time,x\n${text.slice(cut)}`, 'k.csv', { chunkChars: 2_000 })).rejects.toThrow(/k\.csv line \d+/)
  })

  it('parses JSON in one piece, and stops between chunks when asked', async () => {
    const json = freqtradeJson(klines)
    expect((await parseKlinesInSteps(json, 'k.json', { chunkChars: 100 })).length).toBe(300)
    const controller = new AbortController()
    const stopping = parseKlinesInSteps(lines.join('\n'), 'k.csv', { chunkChars: 2_000, signal: controller.signal, onStep: () => controller.abort(new Error('stop')) })
    await expect(stopping).rejects.toThrow('stop')
  })
})
