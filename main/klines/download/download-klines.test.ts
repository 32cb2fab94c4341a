import { access, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findGaps } from '../find-gaps'
import { parseKlines } from '../parse-klines'
import { cachedKlinesCsv } from './cached-klines-csv'
import { downloadKlines, type DownloadProgress } from './download-klines'
import { openTimes, startKlinesServer, type KlinesServer } from './stubs'

const QUARTER = 900_000
const JAN = Date.UTC(2024, 0, 1)
const MAR = Date.UTC(2024, 2, 1)
const FEB_20 = Date.UTC(2024, 1, 20)
const GAP = [0, 1, 2, 3].map((quarter) => Date.UTC(2024, 0, 10, 12) + quarter * QUARTER)

let server: KlinesServer
let cacheDir = ''
beforeAll(async () => {
  server = await startKlinesServer(QUARTER, openTimes(Date.UTC(2023, 11, 31), Date.UTC(2024, 2, 10), QUARTER, GAP))
  cacheDir = await mkdtemp(join(tmpdir(), 'gridkeeper-klines-cache-'))
})
afterAll(async () => {
  await server.close()
  await rm(cacheDir, { recursive: true, force: true })
})

/** Returns the requests served since `from` as [startTime, endTime, status] in ISO text. */
function requestsSince(from: number) {
  return server.requests.slice(from).map((request) => [new Date(request.startTime).toISOString(), new Date(request.endTime).toISOString(), request.status])
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false
  )

describe('downloadKlines', () => {
  it('pages by 1000, waits out a 429, resumes after an interruption, and never fetches a finished month again', async () => {
    const base = { symbol: 'BTCUSDT', interval: '15m', fromMs: JAN, toMs: MAR, cacheDir, baseUrl: server.baseUrl }
    const monthFile = (month: string, partial = false) => join(cacheDir, 'BTCUSDT', '15m', `${month}${partial ? '.partial' : ''}.csv`)

    // First run: a 429 with Retry-After 1, then stopped after the second page of January
    server.script.push({ status: 429, headers: { 'retry-after': '1' } })
    const waits: number[] = []
    const controller = new AbortController()
    const progress: DownloadProgress[] = []
    const first = downloadKlines({
      ...base,
      nowMs: () => FEB_20,
      signal: controller.signal,
      sleep: async (ms) => void waits.push(ms),
      onProgress: (report) => {
        progress.push(report)
        if (report.candles === 2000) controller.abort()
      }
    })
    await expect(first).rejects.toMatchObject({ name: 'AbortError' })
    expect(waits).toEqual([1000])
    expect(requestsSince(0)).toEqual([
      ['2024-01-01T00:00:00.000Z', '2024-01-31T23:59:59.999Z', 429],
      ['2024-01-01T00:00:00.000Z', '2024-01-31T23:59:59.999Z', 200],
      ['2024-01-11T11:00:00.000Z', '2024-01-31T23:59:59.999Z', 200]
    ])
    expect(server.requests.every((request) => request.path === '/api/v3/klines' && request.symbol === 'BTCUSDT' && request.limit === 1000)).toBe(true)
    expect(progress).toEqual([
      { done: 1004, total: 4800, month: '2024-01', monthDone: false, fromCache: false, candles: 1000 },
      { done: 2004, total: 4800, month: '2024-01', monthDone: false, fromCache: false, candles: 2000 }
    ])
    expect((await readFile(monthFile('2024-01', true), 'utf8')).split('\n')).toHaveLength(2001)
    expect(await exists(monthFile('2024-01'))).toBe(false)

    // Second run: January goes on from its last cached candle; February is running, so stays partial
    const before = server.requests.length
    const monthsDone: DownloadProgress[] = []
    const second = await downloadKlines({ ...base, nowMs: () => FEB_20, onProgress: (report) => void (report.monthDone && monthsDone.push(report)) })
    expect(requestsSince(before)).toEqual([
      ['2024-01-21T21:00:00.000Z', '2024-01-31T23:59:59.999Z', 200],
      ['2024-02-01T00:00:00.000Z', '2024-02-19T23:45:00.000Z', 200],
      ['2024-02-11T10:00:00.000Z', '2024-02-19T23:45:00.000Z', 200]
    ])
    expect(second).toEqual({
      months: [
        { month: '2024-01', path: monthFile('2024-01'), complete: true, candles: 2972, requests: 1 },
        { month: '2024-02', path: monthFile('2024-02', true), complete: false, candles: 1824, requests: 2 }
      ],
      requests: 3
    })
    expect(monthsDone).toEqual([
      { done: 2976, total: 4800, month: '2024-01', monthDone: true, fromCache: false, candles: 2972 },
      { done: 4800, total: 4800, month: '2024-02', monthDone: true, fromCache: false, candles: 1824 }
    ])
    expect(await exists(monthFile('2024-01', true))).toBe(false)

    // Third run, after February ended: January is not asked for again, February goes on from its last candle
    const later = server.requests.length
    const third = await downloadKlines({ ...base, nowMs: () => Date.UTC(2024, 2, 2) })
    expect(requestsSince(later)).toEqual([['2024-02-20T00:00:00.000Z', '2024-02-29T23:59:59.999Z', 200]])
    expect(third.months.map((month) => [month.month, month.complete, month.candles, month.requests])).toEqual([
      ['2024-01', true, 2972, 0],
      ['2024-02', true, 2784, 1]
    ])
    expect(await exists(monthFile('2024-02', true))).toBe(false)

    // The cache holds every candle once, in order, and the gap stays a gap
    const series = parseKlines(await cachedKlinesCsv({ cacheDir, symbol: 'BTCUSDT', interval: '15m', fromMs: JAN, toMs: MAR }), 'cache')
    expect(series).toMatchObject({ interval: '15m', length: 2972 + 2784 })
    expect(findGaps(series)).toEqual({ gaps: [{ fromMs: GAP[0], toMs: GAP[3], missing: 4 }], totalMissing: 4 })
    const firstLine = (await readFile(monthFile('2024-01'), 'utf8')).split('\n')[0]
    expect(firstLine).toBe(`${JAN},100.96,100.96,100.96,100.96,1.00000000,${JAN + QUARTER - 1},100.0,1,0.5,50.0,0`)
  })

  it('reads a sub-range of the cache', async () => {
    const csv = await cachedKlinesCsv({ cacheDir, symbol: 'BTCUSDT', interval: '15m', fromMs: Date.UTC(2024, 0, 31, 23), toMs: Date.UTC(2024, 1, 1, 1) })
    expect(csv.trim().split('\n').map((line) => new Date(Number(line.split(',')[0])).toISOString())).toEqual([
      '2024-01-31T23:00:00.000Z',
      '2024-01-31T23:15:00.000Z',
      '2024-01-31T23:30:00.000Z',
      '2024-01-31T23:45:00.000Z',
      '2024-02-01T00:00:00.000Z',
      '2024-02-01T00:15:00.000Z',
      '2024-02-01T00:30:00.000Z',
      '2024-02-01T00:45:00.000Z'
    ])
    expect(await cachedKlinesCsv({ cacheDir, symbol: 'ETHUSDT', interval: '15m', fromMs: JAN, toMs: MAR })).toBe('')
  })

  it('fetches nothing for a range in the future, and refuses an unknown interval', async () => {
    const before = server.requests.length
    expect(await downloadKlines({ symbol: 'BTCUSDT', interval: '15m', fromMs: MAR, toMs: MAR + 86_400_000, cacheDir, baseUrl: server.baseUrl, nowMs: () => FEB_20 })).toEqual({ months: [], requests: 0 })
    expect(server.requests.length).toBe(before)
    await expect(downloadKlines({ symbol: 'BTCUSDT', interval: '1M', fromMs: JAN, toMs: MAR, cacheDir })).rejects.toThrow('interval "1M" is not a Binance interval of fixed length')
  })
})
