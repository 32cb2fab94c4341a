import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { botConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import { afterEach, describe, expect, it } from 'vitest'
import { AccountEngine } from '../../main/engine/account/account-engine'
import { GridBot } from '../../main/engine/bot/grid-bot'
import { LiveClock } from '../../main/engine/clock/live-clock'
import { BinanceExchange } from '../../main/engine/exchange/binance/binance-exchange'
import { customEndpoints } from '../../main/engine/exchange/binance/urls'
import { startPaperServer, type PaperServer } from '../../main/engine/exchange/paper-server/paper-server'
import { counterLatencies, openOrderLabels, TEST_KEY, waitUntil } from '../../main/engine/exchange/paper-server/stubs'
import { openJournal, type Journal } from '../../main/engine/journal'
import { MemoryLogger } from '../../main/engine/logging/logger'

/** A ten-grid BTCUSDT bot from 55,000 to 65,000 with 1,000 USDT (the engine suites' bot). */
const CONFIG = botConfig({
  id: 'b1',
  symbol: 'BTCUSDT',
  grid: { lower: '55000', upper: '65000', grids: 10, spacing: 'arithmetic', investment: '1000', baseHeld: '0' },
  fees: { maker: '0.001', taker: '0.001' }
})

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** One engine process wired as the app wires it in Paper mode: the real adapter over loopback to a paper server. */
async function boot() {
  const server: PaperServer = await startPaperServer({ apiKeys: [TEST_KEY], sim: { balances: { USDT: '10000', BTC: '0' }, prices: { BTCUSDT: '60000.00', ETHUSDT: '3000.00' } } })
  cleanups.push(() => server.close())
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'binance-adapter-'))
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }))
  const journal: Journal = openJournal(join(folder, 'journal.sqlite'))
  cleanups.push(() => journal.close())
  const clock = new LiveClock()
  const logger = new MemoryLogger()
  const exchange = new BinanceExchange({
    endpoints: customEndpoints(server.restUrl, server.wsUrl),
    apiKey: TEST_KEY.apiKey,
    apiSecret: TEST_KEY.secret,
    clock,
    logger,
    random: () => 0.5,
    // A short idle watchdog, so a silent stream is noticed within this test
    userStream: { backoff: { initialMs: 20, maxMs: 200 }, idleTimeoutMs: 1_000, idleCheckIntervalMs: 50 }
  })
  cleanups.push(() => exchange.close())
  const engine = new AccountEngine({ exchange, journal, clock, logger, random: () => 0.5 })
  await engine.start([CONFIG.symbol])
  cleanups.push(() => engine.stop())
  const bot = new GridBot(engine, { exchange, journal, clock, logger }, CONFIG)
  return { server, journal, logger, exchange, engine, bot }
}

describe('the real engine over the real Binance adapter, against the paper server', () => {
  it('creates a grid, answers every fill with its counter-order, and recovers fills lost to a silent stream', { timeout: 20_000 }, async () => {
    const { server, journal, logger, bot } = await boot()
    await bot.create()
    expect(await openOrderLabels(server)).toEqual([
      'BUY@55000', 'BUY@56000', 'BUY@57000', 'BUY@58000', 'BUY@59000',
      'SELL@61000', 'SELL@62000', 'SELL@63000', 'SELL@64000', 'SELL@65000'
    ])

    // The market moves on the paper server; fills reach the engine over the WebSocket API only
    const latencies = counterLatencies(server)
    for (let round = 0; round < 5; round += 1) {
      server.trade('BTCUSDT', new Decimal('58990'), new Decimal('100'))
      await waitUntil('the SELL one level above the filled BUY', async () => (await openOrderLabels(server)).includes('SELL@60000'))
      expect(await openOrderLabels(server)).not.toContain('BUY@59000')
      server.trade('BTCUSDT', new Decimal('60010'), new Decimal('100'))
      await waitUntil('the BUY again below the filled SELL', async () => (await openOrderLabels(server)).includes('BUY@59000'))
    }
    await waitUntil('ten orders again', async () => (await openOrderLabels(server)).length === 10)
    expect(await openOrderLabels(server)).not.toContain('SELL@60000')
    expect(latencies).toHaveLength(10)
    const streamed = [...latencies]

    // The stream falls silent: two BUYs fill unseen; the idle watchdog reconnects, the engine reconciles
    server.faults.silenceConnections()
    server.trade('BTCUSDT', new Decimal('57990'), new Decimal('100'))
    await waitUntil('counter-orders of the fills the stream never delivered', async () => {
      const orders = await openOrderLabels(server)
      return orders.includes('SELL@59000') && orders.includes('SELL@60000')
    })
    const orders = await openOrderLabels(server)
    expect(orders).not.toContain('BUY@58000')
    expect(orders).not.toContain('BUY@59000')
    expect(orders).toHaveLength(10)
    const messages = logger.lines.map((line) => line.message)
    expect(messages).toContain('user-data stream lost; reconnecting')
    expect(messages).toContain('user-data stream connected; reconciling')
    expect(journal.listUnhedgedFills('b1')).toEqual([])
    expect(bot.record().status).toBe('running')
    expect(logger.lines.filter((line) => line.level === 'error')).toEqual([])

    // Figures, not assertions: `GRIDKEEPER_FIGURES=1` prints them
    if (process.env['GRIDKEEPER_FIGURES'] === '1') {
      const list = (values: readonly number[]) => [...values].sort((a, b) => a - b).map((ms) => ms.toFixed(1)).join(', ')
      console.info(`fill → counter-order through BinanceExchange on loopback, streamed: ${list(streamed)} ms; recovered by watchdog + reconcile: ${list(latencies.slice(streamed.length))} ms`)
    }
  })
})
