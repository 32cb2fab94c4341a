import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { BacktestUpdate } from '@shared/api'
import type { BotConfigInput } from '@shared/config/bot-config'
import { DEFAULT_EXCHANGE_INFO } from '../engine/exchange/paper-server/default-exchange-info'
import { parseExchangeInfo } from '../engine/exchange/rules'
import { MemoryLogger } from '../engine/logging/logger'
import { openTimes, startKlinesServer } from '../klines/download/stubs'
import { binanceCsvLine, type KlineFixture } from '../klines/stubs'
import { BacktestRunner, type BacktestRunnerOptions } from './backtest-runner'

const MINUTE = 60_000
const START = Date.UTC(2024, 2, 1)
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function folder(): string {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  const path = mkdtempSync(join(process.cwd(), '.tmp', 'backtest-runner-'))
  cleanups.push(() => rmSync(path, { recursive: true, force: true }))
  return path
}

/** One-minute klines waving 800 around 60,000 twice a day, each candle 5 beyond its open and close. */
function waveKlines(count: number, startMs = START): KlineFixture[] {
  const price = (index: number) => 60_000 + 800 * Math.sin((2 * Math.PI * index) / 720)
  return Array.from({ length: count }, (_, index) => {
    const open = price(index)
    const close = price(index + 1)
    return { openTimeMs: startMs + index * MINUTE, open: open.toFixed(2), high: (Math.max(open, close) + 5).toFixed(2), low: (Math.min(open, close) - 5).toFixed(2), close: close.toFixed(2), volume: '1.5' }
  })
}

/** Writes klines as a Binance CSV file and returns its path. */
function klinesFile(dir: string, name: string, klines: readonly KlineFixture[]): string {
  const path = join(dir, name)
  writeFileSync(path, `${klines.map((kline) => binanceCsvLine(kline)).join('\n')}\n`)
  return path
}

const CONFIG: BotConfigInput = { id: 'bt', symbol: 'BTCUSDT', grid: { lower: '59000', upper: '61000', grids: 10, investment: '1000' } }

/** A runner that records its updates, and a way to wait for a run's end. */
function runner(options: Partial<BacktestRunnerOptions> = {}) {
  const updates: BacktestUpdate[] = []
  const ends: ((update: BacktestUpdate) => void)[] = []
  const logger = new MemoryLogger()
  const instance = new BacktestRunner({
    cacheDir: join(folder(), 'klines'),
    logger,
    updateIntervalMs: 0,
    onUpdate: (update) => {
      updates.push(update)
      if (update.phase === 'done' || update.phase === 'failed' || update.phase === 'cancelled') for (const end of ends.splice(0)) end(update)
    },
    ...options
  })
  cleanups.push(() => instance.stop())
  const end = () => new Promise<BacktestUpdate>((resolve) => ends.push(resolve))
  return { runner: instance, updates, end, logger }
}

describe('BacktestRunner', () => {
  it('runs a klines file in the background: loading, running with progress, then the report, curve, fills, levels and candles', async () => {
    const path = klinesFile(folder(), 'BTCUSDT-1m-2024-03.csv', waveKlines(4_320))
    const { runner: backtests, updates, end } = runner()
    const ended = end()
    const started = backtests.start({ config: CONFIG, klines: { kind: 'file', path } })
    expect(started).toEqual({ ok: true, value: { backtestId: expect.stringMatching(/^[a-f0-9-]{36}$/) } })
    // It answers before anything is loaded
    expect(updates).toEqual([])
    const final = await ended
    expect(final).toMatchObject({ phase: 'done', done: 4_320, total: 4_320, message: expect.stringMatching(/^Done: 4,320 candles in \d+\.\d s$/) })
    expect(updates.every((update) => started.ok && update.backtestId === started.value.backtestId)).toBe(true)
    expect(updates[0]).toMatchObject({ phase: 'loading', message: `Preparing the backtest of ${path}` })
    const running = updates.filter((update) => update.phase === 'running')
    expect(running.length).toBeGreaterThan(3)
    expect(running.map((update) => update.done)).toEqual([...running.map((update) => update.done)].sort((a, b) => a - b))
    expect(running.every((update) => update.total === 4_320 && update.done <= 4_320)).toBe(true)
    const result = final.result!
    expect(result).toMatchObject({ symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', interval: '1m', chartInterval: '1m', gapCount: 0, missingCandles: 0 })
    expect(result.report).toMatchObject({ candles: 4_320, from: '2024-03-01T00:00:00.000Z', to: '2024-03-04T00:00:00.000Z' })
    expect(result.report.fills.buy).toBeGreaterThan(10)
    expect(result.totalFills).toBe(result.report.fills.buy + result.report.fills.sell)
    expect(result.fills).toHaveLength(result.totalFills)
    expect(result.candles).toHaveLength(4_320)
    expect(result.candles[0]).toEqual({ openTimeMs: START, open: '60000', high: '60011.98', low: '59995', close: '60006.98', volume: '1.5' })
    expect(result.levels.map((level) => level.price)).toEqual(['59000', '59200', '59400', '59600', '59800', '60000', '60200', '60400', '60600', '60800', '61000'])
    expect(result.equity.length).toBeGreaterThan(500)
    expect(result.config).toMatchObject({ id: 'bt', grid: { lower: '59000', upper: '61000', grids: 10, spacing: 'arithmetic' }, fees: { maker: '0.001' } })
    expect(result.warnings).toEqual(["note: the built-in BTCUSDT rules were used (the app's exchange is not connected or does not list it)"])
  })

  it('downloads the candles into the cache and reads them from there the next time', async () => {
    const times = openTimes(START, START + 2 * 86_400_000, MINUTE, [START + 600 * MINUTE, START + 601 * MINUTE])
    const server = await startKlinesServer(MINUTE, times)
    cleanups.push(() => server.close())
    const { runner: backtests, updates, end } = runner({ klinesBaseUrl: server.baseUrl })
    // The stub's prices climb from 100 by 0.01 a candle
    const config = { id: 'bt', symbol: 'BTCUSDT', grid: { lower: '90', upper: '140', grids: 5, investment: '1000' } }
    const klines = { kind: 'download' as const, symbol: 'BTCUSDT', interval: '1m' as const, fromMs: START, toMs: START + 2 * 86_400_000 }
    let ended = end()
    expect(backtests.start({ config, klines }).ok).toBe(true)
    const first = await ended
    expect(first).toMatchObject({ phase: 'done', total: times.length })
    expect(first.result).toMatchObject({ gapCount: 1, missingCandles: 2, gaps: [{ fromMs: START + 600 * MINUTE, toMs: START + 601 * MINUTE, missing: 2 }] })
    expect(updates.some((update) => update.phase === 'loading' && update.message.startsWith('Downloading BTCUSDT 1m candles: 2024-03'))).toBe(true)
    expect(updates.some((update) => update.message === 'Reading the candles: 2024-03')).toBe(true)
    const requests = server.requests.length
    expect(requests).toBeGreaterThan(2)
    ended = end()
    expect(backtests.start({ config, klines }).ok).toBe(true)
    expect((await ended).result?.report).toEqual({ ...first.result?.report, elapsedMs: expect.any(Number) })
    expect(server.requests).toHaveLength(requests)
  })

  it('runs one backtest at a time, and a cancelled one ends as cancelled', async () => {
    const path = klinesFile(folder(), 'long.csv', waveKlines(60_000))
    const { runner: backtests, updates, end } = runner()
    const ended = end()
    const started = backtests.start({ config: CONFIG, klines: { kind: 'file', path } })
    if (!started.ok) throw new Error(started.error.message)
    while (!updates.some((update) => update.phase === 'running' && update.done > 0)) await new Promise((resolve) => setTimeout(resolve, 5))
    expect(backtests.start({ config: CONFIG, klines: { kind: 'file', path } })).toEqual({
      ok: false,
      error: { code: 'backtest-running', message: `a backtest is running already (${path}): wait for it to finish, or cancel it, before starting another` }
    })
    expect(backtests.cancel('not-this-one')).toEqual({ ok: true, value: { cancelled: false } })
    expect(backtests.cancel(started.value.backtestId)).toEqual({ ok: true, value: { cancelled: true } })
    const final = await ended
    expect(final).toMatchObject({ phase: 'cancelled', message: 'The backtest was cancelled.', total: 60_000 })
    expect(final.done).toBeLessThan(60_000)
    expect(backtests.cancel(started.value.backtestId)).toEqual({ ok: true, value: { cancelled: false } })
    // Free again at once
    expect(backtests.start({ config: CONFIG, klines: { kind: 'file', path, toMs: START + 100 * MINUTE } }).ok).toBe(true)
  })

  it('refuses a device, a named pipe and a file over the size limit at once, and the next backtest starts', async () => {
    const dir = folder()
    const fifo = join(dir, 'BTCUSDT-1m-pipe.csv')
    execFileSync('mkfifo', [fifo])
    const huge = join(dir, 'BTCUSDT-1m-huge.csv')
    writeFileSync(huge, '')
    // Sparse: 300 MB of size, no blocks on the disk
    truncateSync(huge, 300_000_000)
    const { runner: backtests, end } = runner()
    const outcome = async (path: string) => {
      const ended = end()
      const started = backtests.start({ config: CONFIG, klines: { kind: 'file', path } })
      if (!started.ok) throw new Error(started.error.message)
      return (await ended).message
    }
    expect(await outcome('/dev/zero')).toBe('The klines file cannot be used: /dev/zero is a device, not a regular file; give the path of a file.')
    expect(await outcome(fifo)).toBe(`The klines file cannot be used: ${fifo} is a named pipe (FIFO), not a regular file; give the path of a file.`)
    expect(await outcome(huge)).toBe(`The klines file cannot be used: ${huge} is 300 MB, more than the 250 MB a file may have; split it into smaller files.`)
    const path = klinesFile(dir, 'BTCUSDT-1m-2024-03.csv', waveKlines(100))
    expect(await outcome(path)).toMatch(/^Done: 100 candles/)
  })

  it('stops reading a large file when cancelled, and the next backtest starts', async () => {
    const dir = folder()
    const large = join(dir, 'BTCUSDT-1m-large.csv')
    writeFileSync(large, '')
    truncateSync(large, 200_000_000)
    const { runner: backtests, updates, end } = runner()
    const ended = end()
    const started = backtests.start({ config: CONFIG, klines: { kind: 'file', path: large } })
    if (!started.ok) throw new Error(started.error.message)
    // Cancelled on the first step read: the reading says how far it is in bytes
    const reading = () => updates.find((update) => update.phase === 'loading' && update.message.startsWith(`Reading ${large}: `) && update.done > 0)
    while (reading() === undefined && !updates.some((update) => update.phase !== 'loading')) await new Promise((resolve) => setTimeout(resolve, 1))
    expect(reading()).toMatchObject({ total: 200_000_000 })
    expect(backtests.cancel(started.value.backtestId)).toEqual({ ok: true, value: { cancelled: true } })
    const final = await ended
    expect(final).toMatchObject({ phase: 'cancelled', total: 200_000_000 })
    expect(final.done).toBeLessThan(200_000_000)
    const next = end()
    const again = backtests.start({ config: CONFIG, klines: { kind: 'file', path: klinesFile(dir, 'BTCUSDT-1m-2024-03.csv', waveKlines(100)) } })
    expect(again.ok).toBe(true)
    expect((await next).phase).toBe('done')
  })

  // A loaded machine may take seconds over it: the interval, not the run's speed, is what is checked
  it('sends progress at most once an interval, and every change of phase and the end', { timeout: 60_000 }, async () => {
    const path = klinesFile(folder(), 'BTCUSDT-1m.csv', waveKlines(5_000))
    const { runner: backtests, updates, end } = runner({ updateIntervalMs: 60_000 })
    const ended = end()
    backtests.start({ config: CONFIG, klines: { kind: 'file', path } })
    await ended
    expect(updates.map((update) => update.phase)).toEqual(['loading', 'running', 'done'])
  })

  it('uses the exchange rules of the app when it lists the symbol', async () => {
    const rules = parseExchangeInfo(DEFAULT_EXCHANGE_INFO)
    const asked: string[] = []
    const { runner: backtests, end } = runner({ sessionRules: async (symbol) => (asked.push(symbol), rules) })
    const ended = end()
    backtests.start({ config: CONFIG, klines: { kind: 'file', path: klinesFile(folder(), 'BTCUSDT.csv', waveKlines(100)) } })
    expect((await ended).result?.warnings).toEqual([])
    expect(asked).toEqual(['BTCUSDT'])
  })

  it('says what is wrong in words for a person', async () => {
    const dir = folder()
    const { runner: backtests, end, logger } = runner()
    const outcome = async (params: Parameters<BacktestRunner['start']>[0]) => {
      const ended = end()
      const started = backtests.start(params)
      return started.ok ? (await ended).message : started.error.message
    }
    expect(await outcome({ config: CONFIG, klines: { kind: 'file', path: join(dir, 'missing.csv') } })).toBe(`There is no file ${join(dir, 'missing.csv')} on the machine running Gridkeeper.`)
    expect(await outcome({ config: CONFIG, klines: { kind: 'file', path: dir } })).toBe(`The klines file cannot be used: ${dir} is a folder, not a regular file; give the path of a file.`)
    expect(await outcome({ config: CONFIG, klines: { kind: 'file', path: 'klines.csv' } })).toMatch(/^give the klines file's full path on the machine running Gridkeeper, such as \//)
    expect(await outcome({ config: CONFIG, klines: { kind: 'file', path: join(dir, 'ETHUSDT-1m-2024-03.csv') } })).toBe("the grid trades BTCUSDT, but the file's name says it holds ETHUSDT candles")
    expect(await outcome({ config: CONFIG, klines: { kind: 'download', symbol: 'ETHUSDT', interval: '1m', fromMs: START, toMs: START + MINUTE } })).toBe('the grid trades BTCUSDT, but the candles asked for are ETHUSDT')
    expect(await outcome({ config: { ...CONFIG, grid: { lower: '61000', upper: '59000', grids: 10, investment: '1000' } }, klines: { kind: 'file', path: join(dir, 'x.csv') } })).toBe('Upper price must be above the lower price (61000)')
    const broken = join(dir, 'broken.csv')
    writeFileSync(broken, `${binanceCsvLine(waveKlines(1)[0] as KlineFixture)}\n1709251260000,1,2\n`)
    expect(await outcome({ config: CONFIG, klines: { kind: 'file', path: broken } })).toBe(`The klines file cannot be used: ${broken} line 2: has 3 columns; Binance's klines CSV has 12 (or 11, without the last 'ignore' column)`)
    const sol = klinesFile(dir, 'SOLUSDT-1m.csv', waveKlines(10))
    expect(await outcome({ config: { ...CONFIG, symbol: 'SOLUSDT' }, klines: { kind: 'file', path: sol } })).toBe(
      "The backtest stopped: there are no trading rules for SOLUSDT: the app's exchange does not list it, and the built-in rules know BTCUSDT and ETHUSDT only"
    )
    const later = klinesFile(dir, 'BTCUSDT-1m.csv', waveKlines(10))
    expect(await outcome({ config: CONFIG, klines: { kind: 'file', path: later, fromMs: START + 86_400_000 } })).toBe(`There are no candles for ${later} from 2024-03-02T00:00:00.000Z to the end: Binance has none in that range, or the file none in it.`)
    expect(await outcome({ config: { ...CONFIG, grid: { lower: '10', upper: '20', grids: 2, investment: '1000' } }, klines: { kind: 'file', path: later } })).toMatch(/^The backtest stopped: the grid cannot start at the first candle's open \(60000\)/)
    // The stack goes to the log, not to the screen
    expect(logger.lines.some((line) => line.message === 'a backtest failed' && String(line.fields['error']).includes('    at '))).toBe(true)
  })
})
