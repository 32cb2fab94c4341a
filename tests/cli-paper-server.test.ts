import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { beforeAll, describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '..')
const BIN = join(ROOT, 'bin', 'gridkeeper.cjs')

describe('the gridkeeper paper-server command', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'out', 'main', 'cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` first (npm test does)')
  })

  it('prints one JSON line with its bases, serves time and exchangeInfo, and exits 0 on SIGTERM', { timeout: 20_000 }, async () => {
    const child = spawn(process.execPath, [BIN, 'paper-server', '--port', '0', '--symbols', 'BTCUSDT', '--api-key', 'cli-key', '--api-secret', 'cli-secret', '--price-source', 'synthetic', '--seed', '7'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
    const lines = createInterface({ input: child.stdout })
    const first = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve)
      child.once('exit', () => reject(new Error(`paper-server exited before printing its bases: ${stderr}`)))
    })
    const bases = JSON.parse(first) as Record<string, string>
    expect(Object.keys(bases)).toEqual(['rest', 'ws'])
    expect(bases['rest']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(bases['ws']).toBe(bases['rest']?.replace('http://', 'ws://'))

    const time = (await (await fetch(`${bases['rest']}/api/v3/time`)).json()) as { serverTime: number }
    expect(Math.abs(time.serverTime - Date.now())).toBeLessThan(2_000)
    const info = await fetch(`${bases['rest']}/api/v3/exchangeInfo`)
    expect(info.headers.get('x-mbx-used-weight-1m')).toMatch(/^\d+$/)
    const body = (await info.json()) as { symbols: { symbol: string; status: string }[]; rateLimits: unknown[] }
    expect(body.symbols.map((symbol) => `${symbol.symbol} ${symbol.status}`)).toEqual(['BTCUSDT TRADING'])
    expect(body.rateLimits.length).toBeGreaterThan(0)

    child.kill('SIGTERM')
    expect(await exited).toEqual({ code: 0, signal: null })
    expect(stderr).toBe('')
    await expect(fetch(`${bases['rest']}/api/v3/time`)).rejects.toThrow()
  })

  it('refuses bad input with one line on stderr and exit 2', () => {
    const result = spawnSync(process.execPath, [BIN, 'paper-server', '--faults', 'latency=soon'], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 })
    expect({ code: result.status, stdout: result.stdout }).toEqual({ code: 2, stdout: '' })
    expect(result.stderr).toBe('gridkeeper paper-server: --faults latency must be a duration such as 500, 500ms, 30s or 2m, got "soon"\n')
  })
})
