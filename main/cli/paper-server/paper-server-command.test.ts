import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { runCli } from '../run-cli'

/** Runs the CLI in-process; `stop` plays the signal that ends a serving command. */
function start(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  let stop: (signal: string) => void = () => undefined
  let exit: Promise<number> = Promise.resolve(-1)
  const stopped = new Promise<string>((resolve) => (stop = resolve))
  const firstLine = new Promise<string>((resolve) => {
    const io = {
      stdout: (text: string) => {
        stdout += text
        if (stdout.includes('\n')) resolve(stdout.split('\n')[0] ?? '')
      },
      stderr: (text: string) => void (stderr += text),
      readTextFile: async (path: string) => readFile(path, 'utf8'),
      untilStopped: () => stopped
    }
    exit = runCli(['paper-server', ...argv], io, '9.9.9')
  })
  return { firstLine, stop, exit: () => exit, output: () => ({ stdout, stderr }) }
}

describe('gridkeeper paper-server (in process)', () => {
  it('prints its REST and WebSocket bases, serves Binance’s REST API with the given account, and stops cleanly on a signal', async () => {
    const run = start('--port', '0', '--symbols', 'BTCUSDT', '--balances', 'USDT=500,BTC=0.5', '--prices', 'BTCUSDT=61000', '--api-key', 'k1', '--api-secret', 's1', '--faults', 'latency=1')
    const line = JSON.parse(await run.firstLine) as { rest: string; ws: string }
    expect(line.rest).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(line.ws).toBe(line.rest.replace('http://', 'ws://'))
    const info = (await (await fetch(`${line.rest}/api/v3/exchangeInfo`)).json()) as { symbols: { symbol: string }[] }
    expect(info.symbols.map((symbol) => symbol.symbol)).toEqual(['BTCUSDT'])
    expect(await (await fetch(`${line.rest}/api/v3/ticker/price?symbol=BTCUSDT`)).json()).toEqual({ symbol: 'BTCUSDT', price: '61000.00000000' })
    run.stop('SIGTERM')
    expect(await run.exit()).toBe(0)
    expect(run.output().stderr).toBe('')
    await expect(fetch(`${line.rest}/api/v3/time`)).rejects.toThrow()
  })

  it('refuses bad options with one line on stderr and exit 2', async () => {
    for (const [argv, message] of [
      [['--port', 'x'], '--port must be a whole number, got "x"'],
      [['--balances', 'USDT'], '--balances: "USDT" must be NAME=AMOUNT'],
      [['--api-key', 'k'], '--api-key and --api-secret go together'],
      [['--price-source', 'moon'], '--price-source must be none, synthetic or replay:FILE, got "moon"'],
      [['--speed', '2'], '--speed applies to --price-source replay:FILE only'],
      [['--faults', 'boom=1'], '--faults: unknown fault "boom"'],
      [['--symbols', 'DOGEUSDT'], 'the paper server could not start: symbol DOGEUSDT is not in the exchangeInfo'],
      [['--exchange-info', '/nonexistent/info.json'], 'cannot read --exchange-info /nonexistent/info.json: no such file'],
      [['--wat'], "Unknown option '--wat'"]
    ] as const) {
      const run = start(...argv)
      expect(await run.exit()).toBe(2)
      const { stdout, stderr } = run.output()
      expect(stdout).toBe('')
      expect(stderr.split('\n')).toHaveLength(2)
      expect(stderr).toContain(`gridkeeper paper-server: ${message}`)
    }
  })

  it('prints its usage with the --faults syntax', async () => {
    const run = start('--help')
    expect(await run.exit()).toBe(0)
    expect(run.output().stdout).toContain('--faults SPEC is a comma-separated list of NAME=VALUE')
  })
})
