import { spawn, type ChildProcess } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

const CLI = join(process.cwd(), 'bin', 'gridkeeper.cjs')

/** The key the test's paper server accepts, and serve trades with. */
export const PAPER_KEY = { apiKey: 'e2e-paper-key', secret: 'e2e-paper-secret-0123456789abcdef0123456789abcdef' }

/** A started gridkeeper process. */
export interface Started {
  readonly child: ChildProcess
  /** Everything it wrote, for failure messages. */
  readonly output: () => string
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<number | null>
}

/** How long a stopped process may take to exit on SIGTERM before it is killed. */
const STOP_GRACE_MS = 10_000

/** Every process a spec started that has not exited: killed when the test process ends, however it ends. */
const running = new Set<ChildProcess>()
const killAll = () => {
  for (const child of running) child.kill('SIGKILL')
}
process.once('exit', killAll)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll()
    process.exit(1)
  })
}

/** How many processes the specs started are still running (none once every spec has stopped its own). */
export function runningProcesses(): number {
  return running.size
}

/** Starts `gridkeeper <args>` and resolves with the first stdout line that `match` accepts; a process that does not get there is killed. */
export async function startGridkeeper(args: readonly string[], env: Readonly<Record<string, string>>, match: (line: string) => boolean, timeoutMs = 30_000): Promise<{ started: Started; line: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(child)
  let output = ''
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child)
      resolve(code)
    })
  )
  const started: Started = {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return exited
      child.kill('SIGTERM')
      // A process that ignores SIGTERM is a failure of its own, but must not outlive the test
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
      const code = await exited
      clearTimeout(killer)
      return code
    }
  }
  const lines = createInterface({ input: child.stdout! })
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`gridkeeper ${args[0]} did not start within ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    lines.on('line', (text) => {
      output += `${text}\n`
      if (match(text)) {
        clearTimeout(timer)
        resolve(text)
      }
    })
    void exited.then((code) => reject(new Error(`gridkeeper ${args[0]} exited with ${code}:\n${output}`)))
  })
  return { started, line }
}

/** Starts `gridkeeper paper-server` replaying a klines file; resolves with its REST base. */
export async function startPaperServerProcess(klinesFile: string, speed: number): Promise<{ started: Started; rest: string }> {
  const { started, line } = await startGridkeeper(
    ['paper-server', '--api-key', PAPER_KEY.apiKey, '--api-secret', PAPER_KEY.secret, '--price-source', `replay:${klinesFile}`, '--speed', String(speed), '--balances', 'USDT=10000,BTC=0,ETH=0'],
    {},
    (text) => text.startsWith('{')
  )
  return { started, rest: (JSON.parse(line) as { rest: string }).rest }
}

/**
 * Starts `gridkeeper serve` on a data folder; resolves with the address to open. Paper mode
 * trades on the paper server process given as `paperRest`, or on the built-in one when absent;
 * `testnetRest` points Testnet mode at another server, `klinesUrl` backtests' downloads.
 */
export async function startServe(dataDir: string, options: { readonly paperRest?: string; readonly testnetRest?: string; readonly klinesUrl?: string } = {}): Promise<{ started: Started; url: string }> {
  const { started, line } = await startGridkeeper(
    [
      'serve',
      '--data-dir',
      dataDir,
      ...(options.paperRest === undefined ? [] : ['--paper-server', options.paperRest]),
      ...(options.testnetRest === undefined ? [] : ['--testnet', options.testnetRest]),
      ...(options.klinesUrl === undefined ? [] : ['--klines-url', options.klinesUrl])
    ],
    options.paperRest === undefined ? {} : { GRIDKEEPER_API_KEY: PAPER_KEY.apiKey, GRIDKEEPER_API_SECRET: PAPER_KEY.secret },
    (text) => text.startsWith('gridkeeper serve: open ')
  )
  return { started, url: line.slice('gridkeeper serve: open '.length).trim() }
}

/** Calls a signed REST endpoint of the paper server, as any Binance client would. */
export async function signedGet(rest: string, path: string, params: Readonly<Record<string, string>>): Promise<unknown> {
  const query = new URLSearchParams({ ...params, timestamp: String(Date.now()), recvWindow: '10000' }).toString()
  const signature = createHmac('sha256', PAPER_KEY.secret).update(query).digest('hex')
  const response = await fetch(`${rest}${path}?${query}&signature=${signature}`, { headers: { 'X-MBX-APIKEY': PAPER_KEY.apiKey } })
  const body = (await response.json()) as unknown
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(body)}`)
  return body
}

/** The open orders of a symbol on the paper server, as `SIDE@price` labels. */
export async function openOrderLabels(rest: string, symbol = 'BTCUSDT'): Promise<string[]> {
  const orders = (await signedGet(rest, '/api/v3/openOrders', { symbol })) as { side: string; price: string }[]
  return orders.map((order) => `${order.side}@${Number(order.price)}`).sort()
}
