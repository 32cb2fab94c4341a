import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTimes, startKlinesServer, type KlinesServer } from '../../klines/download/stubs'
import { binanceCsvLine, freqtradeJson, JAN_2024_MS, minuteKlines } from '../../klines/stubs'
import { runCli } from '../run-cli'

const MINUTE = 60_000
const QUARTER = 900_000

let folder = ''
let server: KlinesServer
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gridkeeper-klines-cli-'))
  const gap = [0, 1, 2].map((quarter) => Date.UTC(2024, 0, 1, 6) + quarter * QUARTER)
  server = await startKlinesServer(QUARTER, openTimes(Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1), QUARTER, gap))
})
afterAll(async () => {
  await server.close()
  await rm(folder, { recursive: true, force: true })
})

/** Runs the CLI in-process and captures what it prints. */
async function run(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const io = {
    stdout: (text: string) => void (stdout += text),
    stderr: (text: string) => void (stderr += text),
    readTextFile: async (path: string) => readFile(path, 'utf8'),
    env: { HOME: folder }
  }
  const code = await runCli(['klines', ...argv], io, '9.9.9')
  return { code, stdout, stderr }
}

/** Writes one-minute klines at the given minutes after 2024-01-01 as a Binance CSV file and returns its path. */
async function csvFile(name: string, minutes: readonly number[]): Promise<string> {
  const path = join(folder, name)
  const klines = minuteKlines(minutes.length).map((kline, index) => ({ ...kline, openTimeMs: JAN_2024_MS + (minutes[index] as number) * MINUTE }))
  await writeFile(path, `${klines.map((kline) => binanceCsvLine(kline)).join('\n')}\n`)
  return path
}

describe('gridkeeper klines', () => {
  it('prints its usage, and names its commands', async () => {
    const help = await run('--help')
    expect([help.code, help.stderr]).toEqual([0, ''])
    expect(help.stdout).toContain('gridkeeper klines download --symbol SYMBOL --interval 1m --from TIME --to TIME')
    expect((await run('inspect', '--help')).stdout).toBe(help.stdout)
    expect(await run()).toEqual({ code: 2, stdout: '', stderr: 'gridkeeper klines: name what to do: download, inspect (gridkeeper klines --help)\n' })
    expect(await run('fetch')).toEqual({ code: 2, stdout: '', stderr: 'gridkeeper klines: unknown klines command "fetch"; klines commands: download, inspect\n' })
  })
})

describe('gridkeeper klines inspect', () => {
  it('prints rows, first and last time, interval, scale and the largest gaps', async () => {
    const path = await csvFile('BTCUSDT-1m-2024-01.csv', [0, 1, 2, 4, 5, 9, 10, 20, 21])
    const { code, stdout, stderr } = await run('inspect', path)
    expect([code, stderr]).toEqual([0, ''])
    expect(stdout).toBe(
      [
        `${path}: BTCUSDT, 1m candles (interval from the spacing), binance-csv`,
        'rows      9',
        'first     2024-01-01T00:00:00.000Z',
        'last      2024-01-01T00:21:00.000Z',
        'scale     2 decimals (prices are kept as integers × 10^2)',
        'gaps      3, 13 candles missing in all',
        'all:',
        '  2024-01-01T00:11:00.000Z to 2024-01-01T00:19:00.000Z  9 missing',
        '  2024-01-01T00:06:00.000Z to 2024-01-01T00:08:00.000Z  3 missing',
        '  2024-01-01T00:03:00.000Z to 2024-01-01T00:03:00.000Z  1 missing',
        ''
      ].join('\n')
    )
  })

  it('prints one JSON object, for a range and a given interval too', async () => {
    const path = join(folder, 'candles.json')
    await writeFile(path, freqtradeJson(minuteKlines(4)))
    const { code, stdout } = await run('inspect', path, '--json', '--interval', '1m', '--from', '2024-01-01T00:01', '--to', '2024-01-01T00:03Z')
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toEqual({
      source: path,
      format: 'freqtrade-json',
      symbol: null,
      rows: 2,
      firstOpenTime: '2024-01-01T00:01:00.000Z',
      lastOpenTime: '2024-01-01T00:02:00.000Z',
      interval: '1m',
      intervalInferred: false,
      scale: 2,
      gaps: { count: 0, totalMissing: 0, largest: [] }
    })
  })

  it('lists the five largest of many gaps', async () => {
    const { stdout } = await run('inspect', await csvFile('many.csv', [0, 1, 2, 4, 5, 8, 9, 14, 15, 22, 23, 33, 34, 50, 51]))
    expect(stdout).toContain(
      [
        'gaps      6, 37 candles missing in all',
        'largest 5:',
        '  2024-01-01T00:35:00.000Z to 2024-01-01T00:49:00.000Z  15 missing',
        '  2024-01-01T00:24:00.000Z to 2024-01-01T00:32:00.000Z  9 missing',
        '  2024-01-01T00:16:00.000Z to 2024-01-01T00:21:00.000Z  6 missing',
        '  2024-01-01T00:10:00.000Z to 2024-01-01T00:13:00.000Z  4 missing',
        '  2024-01-01T00:06:00.000Z to 2024-01-01T00:07:00.000Z  2 missing',
        ''
      ].join('\n')
    )
  })

  it('refuses a malformed file, a missing one and bad options, with exit code 2', async () => {
    const bad = join(folder, 'bad.csv')
    await writeFile(bad, `${binanceCsvLine(minuteKlines(1)[0]!)}\n1704067260000,60000.01,oops,59999.96,60000.02,2.5,1704067319999,1000.0,42,1.0,100.0,0\n`)
    expect(await run('inspect', bad)).toEqual({ code: 2, stdout: '', stderr: `gridkeeper klines: ${bad} line 2: high "oops" is not a plain decimal number\n` })
    expect((await run('inspect', join(folder, 'none.csv'))).stderr).toBe(`gridkeeper klines: cannot read klines file ${join(folder, 'none.csv')}: no such file\n`)
    expect((await run('inspect')).stderr).toBe('gridkeeper klines: name the klines file to inspect (gridkeeper klines --help)\n')
    const path = await csvFile('two.csv', [0, 1])
    expect((await run('inspect', path, '--interval', '1h')).stderr).toBe(`gridkeeper klines: ${path} lines 1 and 2: open 1 min apart, not a whole number of 1h candles\n`)
    expect((await run('inspect', path, '--from', '2024-02-01')).stderr).toBe(
      `gridkeeper klines: ${path} has no candles from 2024-02-01T00:00:00.000Z to the end; it runs from 2024-01-01T00:00:00.000Z to 2024-01-01T00:01:00.000Z\n`
    )
    expect((await run('inspect', path, '--to', 'tomorrow')).code).toBe(2)
  })
})

describe('gridkeeper klines download', () => {
  it('fetches whole months once, reports each month on stderr, and writes the range with --out', async () => {
    const cache = join(folder, 'cache')
    const out = join(folder, 'out', 'jan-1.csv')
    const args = ['download', '--symbol', 'btcusdt', '--interval', '15m', '--from', '2024-01-01', '--to', '2024-01-02', '--base-url', server.baseUrl, '--cache', cache, '--out', out]
    const first = await run(...args)
    expect([first.code, first.stderr]).toEqual([0, '2024-01    2973 candles  fetched  100%\n'])
    expect(first.stdout).toBe(
      [
        `${out}: BTCUSDT, 15m candles, binance-csv`,
        'rows      93',
        'first     2024-01-01T00:00:00.000Z',
        'last      2024-01-01T23:45:00.000Z',
        'scale     2 decimals (prices are kept as integers × 10^2)',
        'gaps      1, 3 candles missing in all',
        'all:',
        '  2024-01-01T06:00:00.000Z to 2024-01-01T06:30:00.000Z  3 missing',
        `3 requests to ${server.baseUrl}; wrote 93 rows to ${out}`,
        ''
      ].join('\n')
    )
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n')
    expect(lines).toHaveLength(93)
    expect(lines[0]).toBe(`${Date.UTC(2024, 0, 1)},100.00,100.00,100.00,100.00,1.00000000,${Date.UTC(2024, 0, 1) + QUARTER - 1},100.0,1,0.5,50.0,0`)
    expect((await readFile(join(cache, 'BTCUSDT', '15m', '2024-01.csv'), 'utf8')).trimEnd().split('\n')).toHaveLength(2973)

    const requests = server.requests.length
    const again = await run(...args.slice(0, -2))
    expect([again.code, again.stderr]).toEqual([0, '2024-01    2973 candles  already cached  100%\n'])
    expect(again.stdout).toContain(`${cache}: BTCUSDT, 15m candles, binance-csv\nrows      93\n`)
    expect(again.stdout).toContain(`0 requests to ${server.baseUrl}\n`)
    expect(server.requests.length).toBe(requests)
  })

  it('uses the cache folder under HOME by default', async () => {
    const { code, stderr } = await run('download', '--symbol', 'ETHUSDT', '--interval', '15m', '--from', '2024-01-05', '--to', '2024-01-06', '--base-url', server.baseUrl)
    expect([code, stderr]).toEqual([0, '2024-01    2973 candles  fetched  100%\n'])
    expect((await readFile(join(folder, '.cache', 'gridkeeper', 'klines', 'ETHUSDT', '15m', '2024-01.csv'), 'utf8')).length).toBeGreaterThan(0)
  })

  it('stops with exit code 1 when Binance refuses, saying how to go on', async () => {
    server.script.push({ status: 400, body: '{"code":-1121,"msg":"Invalid symbol."}' })
    const cache = join(folder, 'refused')
    const { code, stderr } = await run('download', '--symbol', 'NOPE', '--interval', '1m', '--from', '2024-01-01', '--to', '2024-01-02', '--base-url', server.baseUrl, '--cache', cache)
    expect(code).toBe(1)
    expect(stderr).toMatch(/^gridkeeper klines download: http:\/\/127\.0\.0\.1:\d+\/api\/v3\/klines\?symbol=NOPE&.* answered 400: -1121 Invalid symbol\.; what was fetched is cached in .*refused, run the same command again to go on\n$/)
  })

  it.each([
    [['--interval', '1m', '--from', '2024-01-01', '--to', '2024-01-02'], '--symbol is required'],
    [['--symbol', 'BTCUSDT', '--interval', '1M', '--from', '2024-01-01', '--to', '2024-01-02'], '--interval must be one of 1s, 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w, got "1M"'],
    [['--symbol', 'BTCUSDT', '--interval', '1m', '--from', '2024-01-02', '--to', '2024-01-01'], '--to (2024-01-01T00:00:00.000Z) must be after --from (2024-01-02T00:00:00.000Z)'],
    [['--symbol', 'BTCUSDT', '--interval', '1m', '--from', 'last week', '--to', '2024-01-01'], '--from must be a UTC time such as 2024-01-01 or 2024-01-01T12:00Z, got "last week"'],
    [['--symbol', 'BTCUSDT', '--interval', '1m', '--from', '2024-01-01', '--to', '2024-01-02', '--base-url', 'api.binance.com'], '--base-url must be an http or https URL, got "api.binance.com"'],
    [['--symbol', 'BTCUSDT', '--limit', '5'], "Unknown option '--limit' (gridkeeper klines --help lists the options)"]
  ])('refuses %j', async (args, message) => {
    expect(await run('download', ...args)).toEqual({ code: 2, stdout: '', stderr: `gridkeeper klines: ${message}\n` })
  })
})
