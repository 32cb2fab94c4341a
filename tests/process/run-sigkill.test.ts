import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { Decimal } from '@shared/money/decimal'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LiveClock } from '../../main/engine/clock/live-clock'
import { BinanceExchange } from '../../main/engine/exchange/binance/binance-exchange'
import { customEndpoints } from '../../main/engine/exchange/binance/urls'
import { openJournal } from '../../main/engine/journal'
import { MemoryLogger } from '../../main/engine/logging/logger'
import { seededRandom } from '../engine/harness'

const ROOT = join(__dirname, '..', '..')
const BIN = join(ROOT, 'bin', 'gridkeeper.cjs')
const KEY = { apiKey: 'kill-test-key', secret: 'kill-test-secret' }
const CONFIG = {
  id: 'k1',
  symbol: 'BTCUSDT',
  grid: { lower: '55000', upper: '65000', grids: 10, spacing: 'arithmetic', investment: '1000', baseHeld: '0' },
  recenter: { enabled: false }
}
/** Kills of `run`; each at a random moment of its life, start-up included. */
const KILLS = 6
const SEED = Number(process.env['GRIDKEEPER_KILL_SEED'] ?? 11)

/**
 * One-minute klines whose price swings between 56,300 and 63,700 every twelve minutes: each
 * swing crosses most of the grid's levels (55,000 to 65,000, one every 1,000), so every swing
 * fills orders and needs counter-orders. Played 60 times faster: a candle a second.
 */
function swingingKlines(count: number): unknown[][] {
  const rows: unknown[][] = []
  const startMs = Date.UTC(2026, 0, 1)
  let previous = new Decimal('60000')
  for (let index = 0; index < count; index += 1) {
    const phase = ((index % 12) / 12) * 2 * Math.PI
    const close = new Decimal(Math.round(60000 + 3700 * Math.sin(phase))).toDecimalPlaces(2)
    const high = Decimal.max(previous, close).add(10)
    const low = Decimal.min(previous, close).sub(10)
    const openMs = startMs + index * 60_000
    rows.push([openMs, previous.toFixed(2), high.toFixed(2), low.toFixed(2), close.toFixed(2), '50', openMs + 59_999, '0', 100, '0', '0', '0'])
    previous = close
  }
  return rows
}

interface Child {
  readonly process: ChildProcess
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  readonly output: () => string
}

function start(args: readonly string[], env: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  return { process: child, exited, output: () => output }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('gridkeeper run killed with SIGKILL while the grid trades on a paper server (separate processes)', () => {
  let dir = ''
  const children: Child[] = []
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'out', 'main', 'cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` first (npm test does)')
    mkdirSync(join(ROOT, '.tmp'), { recursive: true })
    dir = mkdtempSync(join(ROOT, '.tmp', 'run-sigkill-'))
  })
  afterAll(() => {
    for (const child of children) child.process.kill('SIGKILL')
    if (process.env['GRIDKEEPER_KEEP'] !== '1') rmSync(dir, { recursive: true, force: true })
  })

  it('leaves no level with two orders, every fill with its counter-order, and the exchange balances equal to the journal', { timeout: 240_000 }, async () => {
    const klines = join(dir, 'klines.json')
    writeFileSync(klines, JSON.stringify({ BTCUSDT: swingingKlines(48) }))
    const server = start(['paper-server', '--port', '0', '--symbols', 'BTCUSDT', '--balances', 'USDT=10000,BTC=0', '--prices', 'BTCUSDT=60000',
      '--api-key', KEY.apiKey, '--api-secret', KEY.secret, '--price-source', `replay:${klines}`, '--speed', '60'])
    children.push(server)
    const bases = JSON.parse(await new Promise<string>((resolve, reject) => {
      createInterface({ input: server.process.stdout! }).once('line', resolve)
      void server.exited.then(() => reject(new Error(`paper-server exited: ${server.output()}`)))
    })) as { rest: string; ws: string }
    const config = join(dir, 'bot.json')
    writeFileSync(config, JSON.stringify(CONFIG))
    const dataDir = join(dir, 'data')
    const runArgs = ['run', '--config', config, '--endpoint', bases.rest, '--data-dir', dataDir, '--log-level', 'debug']
    const keys = { GRIDKEEPER_API_KEY: KEY.apiKey, GRIDKEEPER_API_SECRET: KEY.secret }

    // While the klines play (48 s), `run` is killed at random moments and started again
    const draw = seededRandom(SEED)
    const started = Date.now()
    for (let kill = 0; kill < KILLS; kill += 1) {
      const run = start(runArgs, keys)
      children.push(run)
      await sleep(500 + Math.floor(draw() * 5_000))
      run.process.kill('SIGKILL')
      expect(await run.exited, run.output()).toEqual({ code: null, signal: 'SIGKILL' })
    }
    // The replay ends; the price stands still from then on
    await sleep(Math.max(0, 50_000 - (Date.now() - started)))

    // The last run restores the bot, answers whatever filled while nothing ran, and settles: the
    // exchange shows the same open orders twice in a row, a second apart
    const exchange = new BinanceExchange({ endpoints: customEndpoints(bases.rest, bases.ws), apiKey: KEY.apiKey, apiSecret: KEY.secret, clock: new LiveClock(), logger: new MemoryLogger() })
    const last = start(runArgs, keys)
    children.push(last)
    const deadline = Date.now() + 60_000
    let previous = ''
    for (;;) {
      if (Date.now() > deadline) throw new Error(`the last run did not settle: ${last.output()}`)
      await sleep(1_000)
      if (!last.output().includes('INFO  running')) continue
      const current = (await exchange.openOrders('BTCUSDT')).map((order) => `${order.clientOrderId} ${order.executedQty.toFixed()}`).sort().join()
      if (current === previous) break
      previous = current
    }
    last.process.kill('SIGTERM')
    expect(await last.exited, last.output()).toEqual({ code: 0, signal: null })
    expect(last.output()).not.toMatch(/ ERROR /)

    // What the exchange shows
    const open = await exchange.openOrders('BTCUSDT')
    const all = await exchange.allOrders({ symbol: 'BTCUSDT', limit: 1000 })
    const trades = await exchange.myTrades({ symbol: 'BTCUSDT', limit: 1000 })
    const account = await exchange.account()
    await exchange.close()

    // No level has two orders: each open price once, and the grid is whole around the price
    const levels = open.map((order) => `${order.side}@${order.price.toFixed()}`)
    expect(new Set(levels).size).toBe(levels.length)
    const gridPrices = Array.from({ length: 11 }, (_, index) => String(55000 + index * 1000))
    expect(open.every((order) => gridPrices.includes(order.price.toFixed()))).toBe(true)
    expect(new Set(open.map((order) => order.price.toFixed())).size).toBe(open.length)
    const buys = open.filter((order) => order.side === 'BUY').map((order) => order.price)
    const sells = open.filter((order) => order.side === 'SELL').map((order) => order.price)
    expect(Decimal.max(...buys).lt(Decimal.min(...sells))).toBe(true)
    // No client order id was ever used twice (the exchange would refuse it only while open)
    expect(new Set(all.map((order) => order.clientOrderId)).size).toBe(all.length)
    // The klines really traded the grid, across the kills
    const gridFills = trades.filter((trade) => all.find((order) => order.orderId === trade.orderId)?.type === 'LIMIT')
    expect(gridFills.length).toBeGreaterThanOrEqual(10)

    // The journal knows every trade, and every fill has its counter-order
    const journal = openJournal(join(dataDir, 'journal.sqlite'))
    const fills = journal.listFills('k1')
    expect(journal.listUnhedgedFills('k1')).toEqual([])
    journal.close()
    expect(fills.map((fill) => String(fill.tradeId)).sort()).toEqual(trades.map((trade) => String(trade.tradeId)).sort())

    // The balances are the starting ones plus what the journal's fills moved
    let usdt = new Decimal('10000')
    let btc = new Decimal('0')
    for (const fill of fills) {
      const sign = fill.side === 'BUY' ? 1 : -1
      btc = btc.add(new Decimal(fill.quantity).mul(sign))
      usdt = usdt.sub(new Decimal(fill.quoteQuantity).mul(sign))
      if (fill.commissionAsset === 'BTC') btc = btc.sub(fill.commission)
      if (fill.commissionAsset === 'USDT') usdt = usdt.sub(fill.commission)
    }
    const total = (asset: string) => {
      const balance = account.balances.get(asset)
      return balance === undefined ? new Decimal(0) : balance.free.add(balance.locked)
    }
    expect(total('USDT').toFixed()).toBe(usdt.toFixed())
    expect(total('BTC').toFixed()).toBe(btc.toFixed())
    // Every fill hedged, seen from the exchange: the base the bot holds is offered by its SELLs,
    // but for dust (each level's below the exchange minimum) — far less than half a level's order
    const offered = open.filter((order) => order.side === 'SELL').reduce((sum, order) => sum.add(order.origQty.sub(order.executedQty)), new Decimal(0))
    const unoffered = total('BTC').sub(offered)
    expect(unoffered.gte(0)).toBe(true)
    expect(unoffered.lt('0.0008')).toBe(true)

    server.process.kill('SIGTERM')
    expect(await server.exited).toEqual({ code: 0, signal: null })
  })
})
