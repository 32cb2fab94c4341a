import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { binanceCsvLine, minuteKlines } from '../stubs'
import { KlinesCache } from './klines-cache'
import { readCachedSeries } from './read-cached-series'

const MINUTE = 60_000
const FEB = Date.UTC(2024, 1, 1)
const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

async function cacheWithTwoMonths(): Promise<string> {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'read-cached-'))
  folders.push(folder)
  const cache = new KlinesCache(folder)
  // The last ten minutes of January, finished, and the first ten of February, still running
  await cache.write('BTCUSDT', '1m', '2024-01', minuteKlines(10, FEB - 10 * MINUTE).map((kline) => binanceCsvLine(kline)), true)
  await cache.write('BTCUSDT', '1m', '2024-02', minuteKlines(10, FEB).map((kline) => binanceCsvLine(kline)), false)
  return folder
}

describe('readCachedSeries', () => {
  it('reads the months of a range into one series, cut to the range', async () => {
    const cacheDir = await cacheWithTwoMonths()
    const months: string[] = []
    const series = await readCachedSeries({ cacheDir, symbol: 'BTCUSDT', interval: '1m', fromMs: FEB - 3 * MINUTE, toMs: FEB + 2 * MINUTE }, { onMonth: (done, total, month) => months.push(`${done}/${total} ${month}`) })
    expect(months).toEqual(['1/2 2024-01', '2/2 2024-02'])
    expect(series).toMatchObject({ symbol: 'BTCUSDT', interval: '1m', length: 5 })
    expect(Array.from(series!.openTimeMs)).toEqual([-3, -2, -1, 0, 1].map((minutes) => FEB + minutes * MINUTE))
  })

  it('finds nothing where nothing is cached, and stops when asked', async () => {
    const cacheDir = await cacheWithTwoMonths()
    expect(await readCachedSeries({ cacheDir, symbol: 'ETHUSDT', interval: '1m', fromMs: FEB, toMs: FEB + MINUTE })).toBeUndefined()
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await expect(readCachedSeries({ cacheDir, symbol: 'BTCUSDT', interval: '1m', fromMs: FEB, toMs: FEB + MINUTE }, { signal: controller.signal })).rejects.toThrow('stop')
  })
})
