import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { botConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import { AccountEngine } from '../../main/engine/account/account-engine'
import { GridBot } from '../../main/engine/bot/grid-bot'
import { LiveClock } from '../../main/engine/clock/live-clock'
import { BinanceExchange } from '../../main/engine/exchange/binance/binance-exchange'
import { customEndpoints } from '../../main/engine/exchange/binance/urls'
import { startPaperServer } from '../../main/engine/exchange/paper-server/paper-server'
import { counterLatencies, openOrderLabels, waitUntil } from '../../main/engine/exchange/paper-server/stubs'
import { openJournal } from '../../main/engine/journal'
import { MemoryLogger } from '../../main/engine/logging/logger'

/** Percentiles of fill → counter-order latency, in milliseconds. */
export interface LatencyFigures {
  readonly samples: number
  readonly p50: number
  readonly p90: number
  readonly p99: number
  readonly max: number
  /** Resident memory of this process after the run, in MiB. */
  readonly rssMiB: number
}

const KEY = { apiKey: 'bench-key', secret: 'bench-secret' }

/**
 * Measures, on loopback, the time from a grid order's fill on the paper server to the paper
 * server receiving the counter-order the engine sends: the whole path of the app's Paper mode
 * (user-data event over the WebSocket API, journal writes, the gateway's signed REST order).
 * The price swings across one level `rounds` times; each swing fills one order.
 */
export async function measureFillToCounter(rounds = 200): Promise<LatencyFigures> {
  const server = await startPaperServer({
    apiKeys: [KEY],
    weights: { ordersPer10Seconds: 1_000_000, ordersPerDay: 10_000_000, requestWeightPerMinute: 10_000_000 },
    sim: { balances: { USDT: '10000', BTC: '0' }, prices: { BTCUSDT: '60000.00', ETHUSDT: '3000.00' } }
  })
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'bench-'))
  const journal = openJournal(join(folder, 'journal.sqlite'))
  const clock = new LiveClock()
  const logger = new MemoryLogger()
  const exchange = new BinanceExchange({ endpoints: customEndpoints(server.restUrl, server.wsUrl), apiKey: KEY.apiKey, apiSecret: KEY.secret, clock, logger })
  const engine = new AccountEngine({ exchange, journal, clock, logger, random: Math.random })
  try {
    await engine.start(['BTCUSDT'])
    const config = botConfig({ id: 'bench', symbol: 'BTCUSDT', grid: { lower: '55000', upper: '65000', grids: 10, spacing: 'arithmetic', investment: '1000', baseHeld: '0' }, recenter: { enabled: false } })
    const bot = new GridBot(engine, { exchange, journal, clock, logger }, config)
    await bot.create()

    const latencies = counterLatencies(server)
    const until = (label: string) => waitUntil(label, async () => (await openOrderLabels(server)).includes(label), 10_000)
    for (let round = 0; round < rounds; round += 1) {
      // Down through 59,000 (its BUY fills, a SELL at 60,000 follows), then back up through 60,000
      server.trade('BTCUSDT', new Decimal('58990'), new Decimal('100'))
      await until('SELL@60000')
      server.trade('BTCUSDT', new Decimal('60010'), new Decimal('100'))
      await until('BUY@59000')
    }
    const sorted = [...latencies].sort((a, b) => a - b)
    const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN
    return { samples: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN, rssMiB: process.memoryUsage().rss / 2 ** 20 }
  } finally {
    engine.stop()
    await exchange.close()
    journal.close()
    await server.close()
    rmSync(folder, { recursive: true, force: true })
  }
}
