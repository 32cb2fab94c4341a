import { botConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import { AccountEngine } from '../../main/engine/account/account-engine'
import { GridBot } from '../../main/engine/bot/grid-bot'
import type { GridBotConfig } from '../../main/engine/bot/grid-bot-config'
import { settle, TestClock } from '../../main/engine/clock/test-clock'
import { parseExchangeInfo, type ExchangeRules } from '../../main/engine/exchange/rules'
import { BTCUSDT_FILTERS, rawSymbol } from '../../main/engine/exchange/rules/stubs'
import { SimExchange } from '../../main/engine/exchange/sim/sim-exchange'
import type { SimFaultOptions } from '../../main/engine/exchange/sim/sim-faults'
import type { SimExchangeOptions } from '../../main/engine/exchange/sim/sim-exchange-options'
import { openJournal, type Journal } from '../../main/engine/journal'
import { MemoryLogger } from '../../main/engine/logging/logger'
import { processExchange } from './process-exchange'

const ORDER_TYPES = ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT']

/** BTCUSDT as a 2024 response describes it, and an ETHUSDT beside it (tick 0.01, step 0.0001). */
export const BTCUSDT_RULES = parseExchangeInfo({
  symbols: [
    rawSymbol(BTCUSDT_FILTERS, { symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', orderTypes: ORDER_TYPES }),
    rawSymbol(
      BTCUSDT_FILTERS.map((filter) => (filter.filterType === 'LOT_SIZE' ? { ...filter, minQty: '0.00010000', stepSize: '0.00010000' } : filter)),
      { symbol: 'ETHUSDT', baseAsset: 'ETH', quoteAsset: 'USDT', orderTypes: ORDER_TYPES }
    )
  ]
})

/** A ten-grid BTCUSDT bot from 55,000 to 65,000 with 1,000 USDT. */
export const BOT_CONFIG: GridBotConfig = botConfig({
  id: 'b1',
  symbol: 'BTCUSDT',
  grid: { lower: '55000', upper: '65000', grids: 10, spacing: 'arithmetic', investment: '1000', baseHeld: '0' },
  fees: { maker: '0.001', taker: '0.001' }
})

/** A ten-grid ETHUSDT bot from 2,700 to 3,300 with 800 USDT, on the same account as BOT_CONFIG. */
export const ETH_BOT_CONFIG: GridBotConfig = botConfig({
  id: 'b2',
  symbol: 'ETHUSDT',
  grid: { lower: '2700', upper: '3300', grids: 10, spacing: 'geometric', investment: '800', baseHeld: '0' },
  fees: { maker: '0.001', taker: '0.001' }
})

/** A seeded number source in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** One engine process: what a crash throws away. */
export interface EngineProcess {
  readonly kill: () => void
  readonly engine: AccountEngine
  /** The first bot. */
  readonly bot: GridBot
  readonly bots: readonly GridBot[]
  readonly journal: Journal
  readonly logger: MemoryLogger
  /** Bots whose start failed (stored `failed`, see BotStarter.fail), when boot was told to go on past them. */
  readonly failedStarts: readonly { readonly botId: string; readonly reason: string }[]
}

/** A simulated exchange, a virtual clock and a journal file that outlive engine processes. */
export class SimWorld {
  readonly clock = new TestClock(Date.UTC(2026, 0, 5))
  readonly exchange: SimExchange
  process: EngineProcess | undefined
  /** Warnings and errors of engine processes that crashed, oldest first. */
  readonly pastProblems: string[] = []

  constructor(
    readonly journalPath: string,
    options: { seed?: number; faults?: SimFaultOptions; balances?: Record<string, string>; price?: string; rules?: ExchangeRules; commission?: SimExchangeOptions['commission'] } = {}
  ) {
    this.exchange = new SimExchange({
      rules: options.rules ?? BTCUSDT_RULES,
      clock: this.clock,
      balances: options.balances ?? { USDT: '10000', BTC: '0' },
      makerFee: new Decimal('0.001'),
      takerFee: new Decimal('0.001'),
      prices: Object.fromEntries(Object.entries({ BTCUSDT: options.price ?? '60000', ETHUSDT: '3000' }).filter(([symbol]) => (options.rules ?? BTCUSDT_RULES).symbols.has(symbol))),
      ...(options.faults ? { faults: options.faults } : {}),
      ...(options.commission ? { commission: options.commission } : {}),
      seed: options.seed ?? 1
    })
  }

  /**
   * Starts an engine process; creates each bot, or restores it when the journal already has it. A
   * bot whose start fails throws, unless `goOnPastFailedStarts`: then a bot the engine stored as
   * failed is listed in `failedStarts` and the others start.
   */
  async boot(configs: GridBotConfig | readonly GridBotConfig[] = BOT_CONFIG, seed = 7, goOnPastFailedStarts = false): Promise<EngineProcess> {
    const list = Array.isArray(configs) ? (configs as readonly GridBotConfig[]) : [configs as GridBotConfig]
    const journal = openJournal(this.journalPath)
    const logger = new MemoryLogger()
    const connection = processExchange(this.exchange)
    const engine = new AccountEngine({ exchange: connection.exchange, journal, clock: this.clock, logger, random: seededRandom(seed) })
    // Starting reads the exchange, and a refused read is asked again after a wait on the virtual clock
    await this.run(engine.start(list.map((config) => config.symbol)))
    const bots = list.map((config) => new GridBot(engine, { exchange: connection.exchange, journal, clock: this.clock, logger }, config))
    const failedStarts: { botId: string; reason: string }[] = []
    this.process = { kill: connection.kill, engine, bot: bots[0] as GridBot, bots, journal, logger, failedStarts }
    for (const bot of bots) {
      const starting = journal.getBot(bot.config.id) === undefined ? bot.create() : bot.restore()
      let failure: unknown
      let done = false
      starting.then(
        () => (done = true),
        (error: unknown) => {
          failure = error
          done = true
        }
      )
      // Starting waits on the exchange and, for retries, on the virtual clock: move both until it is
      // done, for as long as run() waits (a restart's reconciliation may retry reads for minutes)
      for (let round = 0; round < 4_000 && !done; round += 1) await this.quiesce(1)
      if (failure !== undefined && goOnPastFailedStarts && journal.getBot(bot.config.id)?.status === 'failed') {
        failedStarts.push({ botId: bot.config.id, reason: failure instanceof Error ? failure.message : String(failure) })
        continue
      }
      if (failure !== undefined) throw failure
      if (!done) throw new Error(`bot ${bot.config.id} did not finish starting`)
    }
    await this.quiesce()
    return this.process
  }

  /** Throws the engine process away as a crash would: it hears and sends nothing more; its journal writes stay. */
  crash(): void {
    for (const line of this.process?.logger.lines ?? []) {
      if (line.level === 'warn' || line.level === 'error') this.pastProblems.push(`${line.level}: ${line.message} ${JSON.stringify(line.fields)}`)
    }
    this.process?.kill()
    this.process?.engine.stop()
    this.process?.journal.close()
    this.process = undefined
  }

  /**
   * Lets the exchange's events and the engine's work run: settles pending callbacks and moves the
   * virtual clock on in small steps, so retries and backoffs sleeping on it wake up too.
   */
  async quiesce(rounds = 30, stepMs = 250): Promise<void> {
    for (let round = 0; round < rounds; round += 1) {
      await settle(10)
      await this.clock.advance(stepMs)
    }
  }

  /** Awaits work that needs the virtual clock to move (retries, backoffs), moving it meanwhile. */
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false
    const result = work.finally(() => (done = true))
    // Handled here so a refusal waits for the caller instead of surfacing as unhandled meanwhile
    result.catch(() => undefined)
    // Up to 1,000 s of virtual time: beyond an order's whole retry budget (10 min by default)
    for (let round = 0; round < 4_000 && !done; round += 1) await this.quiesce(1)
    // Still waiting: say so instead of handing back a promise that may never settle
    if (!done) throw new Error('the work did not finish within 1,000 s of the virtual clock')
    return result
  }

  /** Prints a public trade and lets the engine react. */
  async trade(price: string, quantity = '100', symbol = 'BTCUSDT'): Promise<void> {
    this.exchange.trade(symbol, new Decimal(price), new Decimal(quantity))
    await this.quiesce()
  }
}
