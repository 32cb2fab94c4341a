import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { startPaperServer, type PaperServer } from '../../main/engine/exchange/paper-server/paper-server'
import { PAPER_KEY, startGridkeeper, startServe, type Started } from '../e2e/support/processes'
import { connectServeApi, type ServeApi } from './serve-api'

const ROOT = join(__dirname, '..', '..')
/** Far longer than a stop takes, far shorter than the waits the stops must not wait out. */
const EXIT_WITHIN_MS = 10_000
/** What every REST request of the paper server answers once its budget is spent: 429, retry after 50 s. */
const SPENT = { rateLimitRate: 1, rateLimitRetryAfterSeconds: 50 }

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function folder(): string {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true })
  const path = mkdtempSync(join(ROOT, '.tmp', 'stop-promptly-'))
  cleanups.push(() => rmSync(path, { recursive: true, force: true }))
  return path
}

async function paperServer(): Promise<PaperServer> {
  const server = await startPaperServer({ apiKeys: [{ apiKey: PAPER_KEY.apiKey, secret: PAPER_KEY.secret }], sim: { balances: { USDT: '10000', BTC: '0' }, prices: { BTCUSDT: '60000' } } })
  cleanups.push(() => server.close())
  return server
}

function track(started: Started): Started {
  cleanups.push(() => started.child.exitCode === null && started.child.signalCode === null && started.child.kill('SIGKILL'))
  return started
}

/** Sends SIGTERM and resolves with the exit code, or with 'still running' when the process has not exited in time. */
async function stopWithin(started: Started, ms: number): Promise<number | null | 'still running'> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), ms)))
  const outcome = await Promise.race([started.stop(), late])
  clearTimeout(timer)
  return outcome
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function openApi(url: string): Promise<ServeApi> {
  const api = await connectServeApi(url)
  cleanups.push(() => api.close())
  return api
}

describe('SIGTERM stops promptly', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'out', 'main', 'cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` first (npm test does)')
  })

  it('serve exits while the exchange holds every request for 50 s (its request budget spent)', { timeout: 60_000 }, async () => {
    const server = await paperServer()
    const { started, url } = await startServe(join(folder(), 'data'), { paperRest: server.restUrl })
    track(started)
    const api = await openApi(url)
    await until(async () => ((await api.call('getState')).value as { connection: { status: string } }).connection.status === 'ready', 'serve to connect')
    server.faults.configure(SPENT)
    // The balances are read every 5 s: the next read is refused, and every later request waits out the Retry-After
    await until(() => server.faults.stats().rateLimited > 0, 'a request of serve to be refused')
    // As the page asks for candles: the request waits; the answer to the next command says it is waiting
    void api.call('getCandles', { symbol: 'BTCUSDT', interval: '1m', limit: 100 })
    expect((await api.call('getState')).ok).toBe(true)
    api.close()
    expect(await stopWithin(started, EXIT_WITHIN_MS), started.output()).toBe(0)
    expect(started.output()).toMatch(/INFO {2}stopped\n/)
    // Stopping is no incident
    expect(started.output()).not.toMatch(/ (ERROR|WARN) (?!.*keychain)/)
  })

  it('gridkeeper run exits while the exchange holds every request for 50 s, its orders left on the exchange', { timeout: 60_000 }, async () => {
    const server = await paperServer()
    const dir = folder()
    const config = join(dir, 'bot.json')
    writeFileSync(config, JSON.stringify({ id: 'r1', symbol: 'BTCUSDT', grid: { lower: '55000', upper: '65000', grids: 10, investment: '1000' }, recenter: { enabled: false } }))
    const keys = { GRIDKEEPER_API_KEY: PAPER_KEY.apiKey, GRIDKEEPER_API_SECRET: PAPER_KEY.secret }
    const { started } = await startGridkeeper(['run', '--config', config, '--endpoint', server.restUrl, '--data-dir', join(dir, 'data')], keys, (line) => line.includes('INFO  running'))
    track(started)
    const before = (await server.sim.openOrders('BTCUSDT')).map((order) => `${order.side}@${order.price.toFixed()}`)
    expect(before).toContain('BUY@59000')
    server.faults.configure(SPENT)
    // The level at 59,000 fills: its counter-order is refused, and the bot waits out the Retry-After to send it again
    server.trade('BTCUSDT', new Decimal('59000'), new Decimal('1'))
    await until(() => server.faults.stats().rateLimited > 0, 'a request of the bot to be refused')
    expect(await stopWithin(started, EXIT_WITHIN_MS), started.output()).toBe(0)
    expect(started.output()).toMatch(/INFO {2}stopped /)
    expect(started.output()).not.toMatch(/ (ERROR|WARN) /)
    // The other orders stay on the exchange for the next run
    const after = (await server.sim.openOrders('BTCUSDT')).map((order) => `${order.side}@${order.price.toFixed()}`)
    expect(after).toEqual(before.filter((label) => label !== 'BUY@59000'))
  })

  it('gridkeeper run exits while still starting, its first request refused for 50 s', { timeout: 60_000 }, async () => {
    const server = await paperServer()
    server.faults.configure(SPENT)
    const dir = folder()
    const config = join(dir, 'bot.json')
    writeFileSync(config, JSON.stringify({ id: 'r2', symbol: 'BTCUSDT', grid: { lower: '55000', upper: '65000', grids: 10, investment: '1000' } }))
    const keys = { GRIDKEEPER_API_KEY: PAPER_KEY.apiKey, GRIDKEEPER_API_SECRET: PAPER_KEY.secret }
    const { started } = await startGridkeeper(['run', '--config', config, '--endpoint', server.restUrl, '--data-dir', join(dir, 'data')], keys, (line) => line.includes('INFO  trading with'))
    track(started)
    // The exchange's rules are read first: refused, and asked again after the Retry-After
    await until(() => server.faults.stats().rateLimited > 0, 'the first request of the bot to be refused')
    expect(await stopWithin(started, EXIT_WITHIN_MS), started.output()).toBe(0)
    expect(started.output()).toMatch(/INFO {2}stopped on SIGTERM while the bot was starting/)
    expect(started.output()).not.toMatch(/ (ERROR|WARN) /)
  })

  it('serve exits while a backtest reads a large klines file, and a named pipe never blocks a backtest', { timeout: 60_000 }, async () => {
    const dir = folder()
    const fifo = join(dir, 'BTCUSDT-1m-pipe.csv')
    execFileSync('mkfifo', [fifo])
    const large = join(dir, 'BTCUSDT-1m-large.csv')
    writeFileSync(large, '')
    truncateSync(large, 240_000_000)
    const { started, url } = await startServe(join(dir, 'data'))
    track(started)
    const api = await openApi(url)
    const config = { id: 'bt', symbol: 'BTCUSDT', grid: { lower: '59000', upper: '61000', grids: 10, investment: '1000' } }
    const ended = (backtestId: string) => api.events.find((entry) => entry.event === 'backtest' && (entry.payload as { backtestId: string; phase: string }).backtestId === backtestId && ['done', 'failed', 'cancelled'].includes((entry.payload as { phase: string }).phase))
    const pipe = await api.call('startBacktest', { config, klines: { kind: 'file', path: fifo } })
    const pipeId = (pipe.value as { backtestId: string }).backtestId
    await until(() => ended(pipeId) !== undefined, 'the backtest of the pipe to end')
    expect(ended(pipeId)?.payload).toMatchObject({ phase: 'failed', message: `The klines file cannot be used: ${fifo} is a named pipe (FIFO), not a regular file; give the path of a file.` })
    const reading = await api.call('startBacktest', { config, klines: { kind: 'file', path: large } })
    expect(reading.ok).toBe(true)
    const readingId = (reading.value as { backtestId: string }).backtestId
    await until(() => api.events.some((entry) => entry.event === 'backtest' && (entry.payload as { backtestId: string; message: string }).backtestId === readingId && (entry.payload as { message: string }).message.startsWith(`Reading ${large}: `)), 'the large file to be read')
    api.close()
    expect(await stopWithin(started, EXIT_WITHIN_MS), started.output()).toBe(0)
  })
})
