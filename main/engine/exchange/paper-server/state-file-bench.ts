import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Decimal } from '@shared/money/decimal'
import { roundToStep } from '@shared/money/step'
import type { Clock } from '../../clock/clock'
import type { TradeTick } from '../port/market-event'
import { priceStep } from '../rules'
import { SyntheticMarket } from '../sim/price-source/synthetic-market'
import { startPaperServer, type PaperServer } from './paper-server'
import { publicRequest, signedRequest, TEST_KEY } from './stubs'

/** Figures of one state-file benchmark run. */
export interface StateFileFigures {
  readonly days: number
  readonly ticks: number
  readonly fileBytes: number
  readonly entries: number
  /** Entries of the written file by kind. */
  readonly kinds: Readonly<Record<string, number>>
  readonly saveMs: number
  readonly loadMs: number
  /** The account, orders, fills, klines (1m, 1h) and 24-hour tickers answered the same before and after the restart. */
  readonly sameAnswers: boolean
}

const DAY_MS = 86_400_000
const REGRID_MS = 6 * 3_600_000
const START_MS = Date.UTC(2026, 0, 5)

/** A clock the benchmark sets by hand: a simulated week passes as fast as the machine runs. */
class ManualClock implements Clock {
  now = START_MS

  nowMs(): number {
    return this.now
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, ms)
      signal?.addEventListener('abort', () => {
        clearTimeout(timer)
        reject(signal.reason)
      })
    })
  }
}

/**
 * Measures the paper state file of Paper mode: `days` simulated days of one synthetic tick per
 * second on BTCUSDT and ETHUSDT (the clock is set by hand, so a week takes seconds to minutes),
 * with a small grid placed around the price every six hours (fills, cancels, placements), then
 * the file's size and how long a restart takes to load it. Prints figures; it asserts nothing.
 * Run: `tsx --tsconfig tsconfig.node.json main/engine/exchange/paper-server/state-file-bench.ts [days]`.
 */
export async function measureStateFile(days = 7): Promise<StateFileFigures> {
  const folder = await mkdtemp(join(tmpdir(), 'paper-state-bench-'))
  const file = join(folder, 'account.json')
  const clock = new ManualClock()
  const options = { apiKeys: [TEST_KEY], clock, stateFile: file, sim: { balances: { USDT: '10000', BTC: '0.1', ETH: '2' } } }
  try {
    const first = await startPaperServer(options)
    const rules = await first.sim.exchangeInfo()
    const markets = await Promise.all(
      [...rules.symbols.values()].map(
        async (symbolRules, index) => new SyntheticMarket({ rules: symbolRules, startPrice: await first.sim.lastPrice(symbolRules.symbol), startMs: START_MS, intervalMs: 1000, seed: 7000 + index })
      )
    )
    const endMs = START_MS + days * DAY_MS
    let ticks = 0
    let nextRegridMs = START_MS
    const pending: TradeTick[] = markets.map((market) => market.next())
    for (;;) {
      const index = pending.reduce((best, tick, at) => (tick.timeMs < (pending[best] as TradeTick).timeMs ? at : best), 0)
      const tick = pending[index] as TradeTick
      if (tick.timeMs > endMs) break
      if (tick.timeMs >= nextRegridMs) {
        clock.now = nextRegridMs
        for (const symbolRules of rules.symbols.values()) await regrid(first, symbolRules.symbol, priceStep(symbolRules), await first.sim.lastPrice(symbolRules.symbol), clock)
        nextRegridMs += REGRID_MS
      }
      clock.now = tick.timeMs
      first.trade(tick.symbol, tick.price, tick.quantity)
      pending[index] = (markets[index] as SyntheticMarket).next()
      ticks += 1
      // Lets the trade feed, the tape and the user events keep up, as they do between live ticks
      if (ticks % 1000 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    await new Promise((resolve) => setImmediate(resolve))
    const before = await restView(first, clock)
    const saveStarted = performance.now()
    await first.close()
    const saveMs = performance.now() - saveStarted
    const fileBytes = (await stat(file)).size

    const loadStarted = performance.now()
    const second = await startPaperServer(options)
    const loadMs = performance.now() - loadStarted
    const after = await restView(second, clock)
    const written = (JSON.parse(await readFile(file, 'utf8')) as { entries: { k: string }[] }).entries
    const kinds: Record<string, number> = {}
    for (const entry of written) kinds[entry.k] = (kinds[entry.k] ?? 0) + 1
    await second.close()
    return { days, ticks, fileBytes, entries: written.length, kinds, saveMs, loadMs, sameAnswers: JSON.stringify(before) === JSON.stringify(after) }
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

async function regrid(server: PaperServer, symbol: string, tick: Decimal, last: Decimal, clock: ManualClock): Promise<void> {
  const timestamp = clock.nowMs()
  const open = (await signedRequest(server, 'GET', '/api/v3/openOrders', { symbol }, { timestamp })).body as unknown[]
  if (open.length > 0) await signedRequest(server, 'DELETE', '/api/v3/openOrders', { symbol }, { timestamp })
  const quantity = symbol === 'BTCUSDT' ? '0.002' : '0.04'
  for (let level = 1; level <= 5; level += 1) {
    const offset = last.mul(level).div(200)
    const below = roundToStep(last.sub(offset), tick, 'down').toFixed()
    const above = roundToStep(last.add(offset), tick, 'up').toFixed()
    await signedRequest(server, 'POST', '/api/v3/order', { symbol, side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity, price: below }, { timestamp })
    await signedRequest(server, 'POST', '/api/v3/order', { symbol, side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity, price: above }, { timestamp })
  }
}

async function restView(server: PaperServer, clock: ManualClock): Promise<unknown[]> {
  const timestamp = clock.nowMs()
  const out: unknown[] = [(await signedRequest(server, 'GET', '/api/v3/account', {}, { timestamp })).body]
  for (const symbol of ['BTCUSDT', 'ETHUSDT']) {
    out.push((await signedRequest(server, 'GET', '/api/v3/allOrders', { symbol, limit: 1000 }, { timestamp })).body)
    out.push((await signedRequest(server, 'GET', '/api/v3/myTrades', { symbol, limit: 1000 }, { timestamp })).body)
    for (const interval of ['1m', '1h']) out.push((await publicRequest(server, 'GET', '/api/v3/klines', { symbol, interval, limit: 1000 })).body)
    out.push((await publicRequest(server, 'GET', '/api/v3/ticker/24hr', { symbol })).body)
  }
  return out
}

if (process.argv[1]?.endsWith('state-file-bench.ts') === true) {
  const days = Number(process.argv[2] ?? '7')
  measureStateFile(days)
    .then((figures) => {
      console.log(
        `paper state file, ${figures.days} simulated days, ${figures.ticks} ticks: ${(figures.fileBytes / 1e6).toFixed(1)} MB, ${figures.entries} entries ${JSON.stringify(figures.kinds)}; ` +
          `save ${(figures.saveMs / 1000).toFixed(2)} s, load ${(figures.loadMs / 1000).toFixed(2)} s; same account and market answers after restart: ${figures.sameAnswers}`
      )
    })
    .catch((error: unknown) => {
      console.error(error)
      process.exitCode = 1
    })
}
