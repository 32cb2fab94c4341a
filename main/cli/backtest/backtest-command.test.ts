import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { binanceCsvLine, BINANCE_CSV_HEADER } from '../../klines/stubs'
import { runCli } from '../run-cli'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/** Writes a Binance CSV of a saw-tooth on BTCUSDT: 57,000 ↔ 63,000 every minute, for `minutes`. */
function sawToothFile(minutes: number, header = true): string {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'backtest-cli-'))
  folders.push(folder)
  const start = Date.UTC(2024, 0, 1)
  const lines = Array.from({ length: minutes }, (_, minute) => {
    const up = minute % 2 === 1
    return binanceCsvLine({ openTimeMs: start + minute * 60_000, open: up ? '57000' : '63000', high: '63000', low: '57000', close: up ? '63000' : '57000', volume: '1' })
  })
  const path = join(folder, 'BTCUSDT-1m-2024-01.csv')
  writeFileSync(path, `${header ? `${BINANCE_CSV_HEADER}\n` : ''}${lines.join('\n')}\n`)
  return path
}

async function backtest(args: readonly string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(['backtest', ...args], { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), readTextFile: (path) => readFile(path, 'utf8') }, '9.9.9')
  return { code, stdout, stderr }
}

const GRID = ['--lower', '58000', '--upper', '62000', '--grids', '4', '--investment', '1000']

describe('gridkeeper backtest', () => {
  it('prints the report as one JSON object with the documented fields, money as decimal strings', async () => {
    const { code, stdout, stderr } = await backtest(['--klines', sawToothFile(20), ...GRID, '--json'])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as Record<string, unknown>
    expect(Object.keys(report)).toEqual(['candles', 'from', 'to', 'fills', 'roundTrips', 'gridProfit', 'fees', 'startValue', 'finalValue', 'buyAndHoldValue', 'maxDrawdownPct', 'stops', 'recenters', 'incidents', 'elapsedMs'])
    expect(report).toMatchObject({ candles: 20, from: '2024-01-01T00:00:00.000Z', to: '2024-01-01T00:20:00.000Z', startValue: '1000', stops: [], incidents: 0 })
    expect(typeof report['gridProfit']).toBe('string')
    // Every swing crosses every level: the grid trades on every candle after the first
    expect((report['fills'] as { buy: number; sell: number }).sell).toBeGreaterThanOrEqual(19)
  })

  it('takes --from/--to, fees, exits and --recenter, and prints a table for a person', async () => {
    const { code, stdout } = await backtest(['--klines', sawToothFile(30, false), ...GRID, '--from', '2024-01-01T00:10Z', '--to', '2024-01-01T00:20Z', '--maker-fee', '0', '--taker-fee', '0', '--stop-loss', '50000', '--recenter', 'off'])
    expect(code).toBe(0)
    expect(stdout).toContain('BTCUSDT: 4 arithmetic grids from 58000 to 62000, 1000 invested, stop-loss 50000 (cancel)')
    expect(stdout).toContain('10 candles from 2024-01-01T00:10:00.000Z to 2024-01-01T00:20:00.000Z')
    expect(stdout).toMatch(/Fees\s+0\n/)
  })

  it('lists each recenter with the grid fills its new grid made', async () => {
    mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
    const folder = mkdtempSync(join(process.cwd(), '.tmp', 'backtest-cli-'))
    folders.push(folder)
    // One minute in the range, then three hours swinging 70,000 ↔ 71,500, far above it
    const start = Date.UTC(2024, 0, 1)
    const lines = [binanceCsvLine({ openTimeMs: start, open: '60000', high: '60000', low: '60000', close: '60000', volume: '1' })]
    for (let minute = 1; minute <= 180; minute += 1) {
      const up = minute % 2 === 0
      lines.push(binanceCsvLine({ openTimeMs: start + minute * 60_000, open: up ? '70000' : '71500', high: '71500', low: '70000', close: up ? '71500' : '70000', volume: '1' }))
    }
    const path = join(folder, 'BTCUSDT-1m-2024-01.csv')
    writeFileSync(path, `${lines.join('\n')}\n`)
    const { code, stdout } = await backtest(['--klines', path, ...GRID])
    expect(code).toBe(0)
    const recentered = /recentered at (\S+): 58000-62000 → (\S+), (\d+) grid fill\(s\) before the end/.exec(stdout)
    expect(recentered?.[2]).toBe('68000-72000')
    expect(Number(recentered?.[3])).toBeGreaterThan(10)
  })

  it('names what is wrong with the options or the input, exit 2', async () => {
    const file = sawToothFile(5)
    expect(await backtest([...GRID])).toMatchObject({ code: 2, stderr: 'gridkeeper backtest: --klines is required\n' })
    expect(await backtest(['--klines', file, '--lower', '62000', '--upper', '58000', '--grids', '4', '--investment', '1000'])).toMatchObject({
      code: 2,
      stderr: 'gridkeeper backtest: the bot configuration is not valid: Upper price must be above the lower price (62000)\n'
    })
    expect(await backtest(['--klines', file, ...GRID, '--symbol', 'DOGEUSDT'])).toMatchObject({ code: 2, stderr: expect.stringContaining('give --exchange-info FILE with DOGEUSDT') })
    expect(await backtest(['--klines', file, ...GRID, '--from', '2030-01-01'])).toMatchObject({ code: 2, stderr: expect.stringContaining('has no candle in --from/--to') })
    expect(await backtest(['--klines', file, ...GRID, '--maker-fee=-1'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--maker-fee must be a plain non-negative decimal number') })
  })

  it('reads only a regular file of at most 250 MB as --klines: a device, a named pipe or a larger file is one line, exit 2', async () => {
    const folder = join(sawToothFile(1), '..')
    const fifo = join(folder, 'BTCUSDT-1m-pipe.csv')
    execFileSync('mkfifo', [fifo])
    const huge = join(folder, 'BTCUSDT-1m-huge.csv')
    writeFileSync(huge, '')
    truncateSync(huge, 300_000_000)
    expect(await backtest(['--klines', '/dev/zero', '--symbol', 'BTCUSDT', ...GRID])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'gridkeeper backtest: cannot read --klines /dev/zero: it is a device, not a regular file; give the path of a file\n'
    })
    expect(await backtest(['--klines', fifo, ...GRID])).toEqual({ code: 2, stdout: '', stderr: `gridkeeper backtest: cannot read --klines ${fifo}: it is a named pipe (FIFO), not a regular file; give the path of a file\n` })
    expect(await backtest(['--klines', huge, ...GRID])).toEqual({ code: 2, stdout: '', stderr: `gridkeeper backtest: cannot read --klines ${huge}: it is 300 MB, more than the 250 MB a file may have; split it into smaller files\n` })
    expect(await backtest(['--klines', join(folder, 'none.csv'), ...GRID])).toEqual({ code: 2, stdout: '', stderr: `gridkeeper backtest: cannot read --klines ${join(folder, 'none.csv')}: no such file\n` })
  })
})
