import { join } from 'node:path'
import { fail, ok, PRODUCT_NAME, type AppStateView, type BalanceView, type CandleView, type BotView, type ConnectionView, type HealthView, type Result, type TradingMode } from '@shared/api'
import type { CommandParams } from '@shared/api/command-schemas'
import { parseBotConfig, type BotConfig, type BotConfigInput } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import { AccountEngine } from '../engine/account/account-engine'
import { GridBot } from '../engine/bot/grid-bot'
import { settingsOf } from '../engine/bot/grid-bot-config'
import { LiveClock } from '../engine/clock/live-clock'
import { BinanceExchange } from '../engine/exchange/binance/binance-exchange'
import type { BinanceEndpoints } from '../engine/exchange/binance/urls'
import type { Unsubscribe } from '../engine/exchange/port/exchange'
import type { KlineInterval } from '../engine/exchange/port/kline-interval'
import { planGrid } from '../engine/grid/planner'
import { openJournal, type Journal } from '../engine/journal'
import type { Logger } from '../engine/logging/logger'
import { planToJson } from '../cli/plan/plan-json'
import type { CommandHandlers } from '../api/command-handlers'
import { startBotLoops, type BotLoops } from './bot-loops'
import { buildBotView, START_PRICE_KEY } from './bot-view'
import { CandleFeed } from './candle-feed'
import { startPaperExchange, type PaperExchange, type PaperExchangeOptions } from './paper-exchange'
import { lockDataDir, type DataDirLock } from './data-dir-lock'
import { ServiceEvents } from './service-events'
import { suggestConfig } from './suggest-config'

/** What the app service needs. */
export interface AppServiceOptions {
  /** The data folder: the journal, and in Paper mode the paper account. */
  readonly dataDir: string
  readonly version: string
  readonly logger: Logger
  readonly transport: 'ipc' | 'websocket'
  /** Paper mode's market settings, for the built-in paper exchange. */
  readonly paper?: Omit<PaperExchangeOptions, 'dataDir'>
  /** A paper server started separately (`gridkeeper paper-server`) to use instead of the built-in one. */
  readonly paperServer?: { readonly endpoints: BinanceEndpoints; readonly apiKey: string; readonly apiSecret: string }
  /** How often the dashboard state is rebuilt and pushed when it changed (500 ms). */
  readonly stateIntervalMs?: number
  /** How often balances are read from the exchange (5 000 ms). */
  readonly balanceIntervalMs?: number
}

/** The connection to the exchange and everything on it, once started. */
interface Connected {
  readonly paper: PaperExchange | undefined
  readonly exchange: BinanceExchange
  readonly engine: AccountEngine
  readonly clock: LiveClock
}

interface RunningBot {
  readonly bot: GridBot
  readonly loops: BotLoops
}

const STOP_GRACE_MS = 10_000
/** An unchanged state is pushed again after this many ticks, so the health shown stays current. */
const HEALTH_PUSH_TICKS = 4

/**
 * The engine as the app uses it, for the desktop window and `gridkeeper serve` alike: one
 * exchange account (the paper exchange in Paper mode), its journal, its bots and their loops,
 * the commands of the contract, and the dashboard state and candles pushed as events.
 */
export class AppService {
  readonly events = new ServiceEvents()
  readonly mode: TradingMode = 'paper'
  private connection: ConnectionView = { status: 'starting', message: 'starting the paper exchange' }
  private connected: Connected | undefined
  private readonly journal: Journal
  private readonly bots = new Map<string, RunningBot>()
  private readonly feeds = new Map<string, CandleFeed>()
  private readonly prices = new Map<string, Decimal>()
  private readonly priceWatches = new Map<string, Unsubscribe>()
  private readonly candleWatches = new Map<string, Unsubscribe>()
  private balances: readonly BalanceView[] = []
  private symbols: readonly string[] = []
  private revision = 0
  private lastStateJson = ''
  private quietTicks = 0
  private readonly timers: ReturnType<typeof setInterval>[] = []
  private stopping = false

  private readonly lock: DataDirLock

  /** Takes the data folder (one process per journal) and opens its journal; throws, naming the cause, when either fails. */
  constructor(private readonly options: AppServiceOptions) {
    this.lock = lockDataDir(options.dataDir)
    try {
      this.journal = openJournal(join(options.dataDir, 'journal.sqlite'))
    } catch (error) {
      this.lock.release()
      throw error
    }
  }

  /** Connects to the exchange, restores every bot of the journal and starts pushing state; a failure is shown, not thrown. */
  async start(): Promise<void> {
    this.timers.push(setInterval(() => this.pushState(), this.options.stateIntervalMs ?? 500))
    try {
      await this.connect()
      this.connection = { status: 'ready', message: null }
    } catch (error) {
      this.connection = { status: 'failed', message: `could not connect to the exchange: ${(error as Error).message}` }
      this.options.logger.error('the app could not connect to the exchange', { error: (error as Error).message })
    }
    this.pushState()
  }

  /** Stops every bot's loops and closes the connections and the journal; orders stay on the exchange. */
  async stop(): Promise<void> {
    this.stopping = true
    for (const timer of this.timers) clearInterval(timer)
    for (const unsubscribe of [...this.priceWatches.values(), ...this.candleWatches.values()]) unsubscribe()
    for (const feed of this.feeds.values()) feed.close()
    const connected = this.connected
    if (connected !== undefined) {
      for (const { bot } of this.bots.values()) bot.trader.halt('all')
      connected.engine.stop()
      await connected.engine.lock.run(async () => undefined)
      await Promise.all([...this.bots.values()].map(({ loops }) => loops.stop((ms) => connected.clock.sleep(ms), STOP_GRACE_MS)))
      await connected.exchange.close()
      await connected.paper?.server.close()
    }
    this.journal.close()
    this.lock.release()
  }

  /** The implementation of every command of the contract. */
  handlers(): CommandHandlers {
    return {
      getInfo: async () => ok({ name: PRODUCT_NAME, version: this.options.version, mode: this.mode, transport: this.options.transport }),
      getState: async () => ok(this.state()),
      getCandles: (params) => this.ready((connected) => this.candles(connected, params)),
      previewPlan: (params) => this.ready((connected) => this.previewPlan(connected, params.config)),
      startBot: (params) => this.ready((connected) => this.startBot(connected, params.config)),
      pauseBot: (params) => this.withBot(params.botId, async (bot) => (bot.pause(), null)),
      resumeBot: (params) => this.withBot(params.botId, async (bot) => (await bot.resume(), null)),
      emergencyStop: (params) =>
        this.withBot(params.botId, async (bot) => {
          const report = await bot.emergencyStop({ sellBase: params.sellBase })
          return { cancelled: report.cancelled, stillOpen: report.stillOpen, soldBase: report.soldBase }
        }),
      holdLevel: (params) => this.withLevel(params, (bot) => bot.holdLevel(params.level)),
      releaseLevel: (params) => this.withLevel(params, (bot) => bot.releaseLevel(params.level)),
      recenterNow: (params) => this.withBot(params.botId, async (bot) => ({ recentered: await bot.recenterNow() })),
      rebalanceNow: (params) => this.withBot(params.botId, async (bot) => ({ outcome: await bot.rebalanceNow() })),
      cancelOco: (params) => this.withBot(params.botId, async (bot) => (await bot.cancelBackstop(), null)),
      moveOco: (params) => this.withBot(params.botId, async (bot) => (await bot.moveBackstop(params.stopLoss, params.takeProfit), null))
    }
  }

  /** Builds the dashboard state now. */
  state(): AppStateView {
    const bots: BotView[] = []
    for (const record of this.journal.listBots()) {
      const rules = this.connected?.engine.rules
      const known = rules?.has(record.symbol) === true ? rules.get(record.symbol) : undefined
      bots.push(buildBotView(this.journal, record, { baseAsset: known?.baseAsset ?? '', quoteAsset: known?.quoteAsset ?? '', lastPrice: this.prices.get(record.symbol) ?? null }))
    }
    return {
      mode: this.mode,
      connection: this.connection,
      health: this.health(),
      balances: this.balances,
      symbols: this.symbols,
      bots,
      suggestedConfig: bots.length === 0 ? this.suggestion() : null,
      revision: this.revision
    }
  }

  private async connect(): Promise<void> {
    const { logger, dataDir } = this.options
    const paper = this.options.paperServer === undefined ? await startPaperExchange({ dataDir, ...this.options.paper }) : undefined
    const target = paper ?? this.options.paperServer
    if (target === undefined) throw new Error('there is no paper exchange to connect to')
    const clock = new LiveClock()
    const exchange = new BinanceExchange({ endpoints: target.endpoints, apiKey: target.apiKey, apiSecret: target.apiSecret, clock, logger })
    const engine = new AccountEngine({ exchange, journal: this.journal, clock, logger, random: Math.random })
    try {
      const info = await exchange.exchangeInfo()
      this.symbols = [...info.symbols.values()].filter((rules) => rules.status === 'TRADING').map((rules) => rules.symbol).sort()
      const botSymbols = this.journal.listBots().map((bot) => bot.symbol)
      await engine.start([...new Set([...botSymbols, ...this.symbols.slice(0, 1)])])
    } catch (error) {
      await exchange.close().catch(() => undefined)
      await paper?.server.close().catch(() => undefined)
      throw error
    }
    this.connected = { paper, exchange, engine, clock }
    this.timers.push(setInterval(() => void this.refreshBalances(), this.options.balanceIntervalMs ?? 5_000))
    await this.refreshBalances()
    for (const symbol of this.symbols.slice(0, 1)) await this.watchPrice(symbol)
    for (const record of this.journal.listBots()) {
      const parsed = parseBotConfig(JSON.parse(record.configJson))
      if (!parsed.ok) {
        logger.error('a stored bot cannot be restored: its configuration is not valid', { botId: record.botId, errors: parsed.errors.join('; ') })
        continue
      }
      await this.watchPrice(record.symbol)
      const bot = new GridBot(engine, { exchange, journal: this.journal, clock, logger }, parsed.config)
      logger.info('restoring the bot', { botId: record.botId, symbol: record.symbol, status: record.status })
      await bot.restore()
      this.bots.set(record.botId, { bot, loops: startBotLoops(bot) })
    }
  }

  private async startBot(connected: Connected, input: unknown): Promise<Result<{ botId: string }>> {
    const parsed = parseBotConfig(input)
    if (!parsed.ok) return fail('invalid-config', parsed.errors.join('; '), { errors: parsed.errors })
    const config = parsed.config
    if (this.journal.getBot(config.id) !== undefined) return fail('bot-exists', `a bot with id ${config.id} exists already; choose another id`)
    if (!this.symbols.includes(config.symbol)) return fail('unknown-symbol', `${config.symbol} is not traded on this exchange`)
    const { exchange, engine, clock } = connected
    if (!engine.rules.has(config.symbol)) await engine.rules.refresh([config.symbol])
    await this.watchPrice(config.symbol)
    const startPrice = await exchange.lastPrice(config.symbol)
    const bot = new GridBot(engine, { exchange, journal: this.journal, clock, logger: this.options.logger }, config)
    try {
      await bot.create()
    } catch (error) {
      if (this.journal.getBot(config.id) === undefined) return fail('not-started', (error as Error).message)
      throw error
    }
    this.journal.saveBotState(config.id, START_PRICE_KEY, JSON.stringify(startPrice.toFixed()), clock.nowMs())
    this.bots.set(config.id, { bot, loops: startBotLoops(bot) })
    this.options.logger.info('bot started', { botId: config.id, symbol: config.symbol })
    this.pushState()
    return ok({ botId: config.id })
  }

  private async previewPlan(connected: Connected, input: unknown): Promise<Result<ReturnType<typeof planToJson>>> {
    const parsed = parseBotConfig(input)
    if (!parsed.ok) return fail('invalid-config', parsed.errors.join('; '), { errors: parsed.errors })
    const config: BotConfig = parsed.config
    if (!this.symbols.includes(config.symbol)) return fail('unknown-symbol', `${config.symbol} is not traded on this exchange`)
    const { engine, exchange } = connected
    if (!engine.rules.has(config.symbol)) await engine.rules.refresh([config.symbol])
    const price = this.prices.get(config.symbol) ?? (await exchange.lastPrice(config.symbol))
    return ok(planToJson(planGrid(engine.rules.get(config.symbol), settingsOf(config, price), engine.rules.exchangeFilters()), false))
  }

  private async candles(connected: Connected, params: CommandParams<'getCandles'>): Promise<Result<CandleView[]>> {
    const key = `${params.symbol}:${params.interval}`
    let feed = this.feeds.get(key)
    if (feed === undefined) {
      feed = new CandleFeed(connected.exchange, params.symbol, params.interval as KlineInterval)
      this.feeds.set(key, feed)
      const { symbol, interval } = params
      this.candleWatches.set(key, feed.listen((candle) => this.events.emit('candle', { symbol, interval, candle })))
    }
    return ok(await feed.history(params.limit))
  }

  private async ready<T>(work: (connected: Connected) => Promise<Result<T>>): Promise<Result<T>> {
    const connected = this.connected
    if (connected === undefined || this.stopping) return fail('not-ready', this.connection.message ?? 'the app is not connected to the exchange')
    try {
      return await work(connected)
    } finally {
      this.pushState()
    }
  }

  private withBot<T>(botId: string, work: (bot: GridBot) => Promise<T>): Promise<Result<T>> {
    return this.ready(async () => {
      const running = this.bots.get(botId)
      if (running === undefined) return fail('unknown-bot', `there is no bot ${botId}`)
      return ok(await work(running.bot))
    })
  }

  private withLevel(params: { readonly botId: string; readonly level: number }, work: (bot: GridBot) => Promise<void>): Promise<Result<null>> {
    return this.withBot(params.botId, async (bot) => {
      const levels = this.journal.listLevels(params.botId)
      if (!levels.some((level) => level.level === params.level)) throw new Error(`bot ${params.botId} has no level ${params.level} (it has 0 to ${levels.length - 1})`)
      await work(bot)
      return null
    })
  }

  private async watchPrice(symbol: string): Promise<void> {
    const connected = this.connected
    if (connected === undefined || this.priceWatches.has(symbol)) return
    this.priceWatches.set(symbol, connected.exchange.subscribeTrades(symbol, (tick) => this.prices.set(symbol, tick.price)))
    if (!this.prices.has(symbol)) this.prices.set(symbol, await connected.exchange.lastPrice(symbol))
  }

  private async refreshBalances(): Promise<void> {
    const connected = this.connected
    if (connected === undefined || this.stopping) return
    try {
      const account = await connected.exchange.account()
      this.balances = [...account.balances.values()]
        .filter((balance) => !balance.free.isZero() || !balance.locked.isZero())
        .map((balance) => ({ asset: balance.asset, free: balance.free.toFixed(), locked: balance.locked.toFixed() }))
        .sort((a, b) => a.asset.localeCompare(b.asset))
    } catch (error) {
      this.options.logger.debug('balances could not be read', { error: (error as Error).message })
    }
  }

  private health(): HealthView {
    const connected = this.connected
    if (connected === undefined) return { userStream: null, userStreamAgeMs: null, clockOffsetMs: null, usedWeight1m: null, weightLimit1m: null, orderCount10s: null, orderLimit10s: null }
    const health = connected.exchange.health()
    const weight = health.rateLimits.find((usage) => usage.kind === 'weight' && usage.intervalMs === 60_000)
    const orders = health.rateLimits.find((usage) => usage.kind === 'orders' && usage.intervalMs === 10_000)
    return {
      userStream: health.userStream,
      userStreamAgeMs: health.lastUserEventMs === undefined ? null : Math.max(0, connected.clock.nowMs() - health.lastUserEventMs),
      clockOffsetMs: health.serverOffsetMs,
      usedWeight1m: weight?.used ?? null,
      weightLimit1m: weight?.limit ?? null,
      orderCount10s: orders?.used ?? null,
      orderLimit10s: orders?.limit ?? null
    }
  }

  private suggestion(): BotConfigInput | null {
    const symbol = this.symbols[0]
    if (symbol === undefined) return null
    const price = this.prices.get(symbol)
    const rules = this.connected?.engine.rules
    if (price === undefined || rules?.has(symbol) !== true) return null
    return suggestConfig(rules.get(symbol), price, this.journal.listBots().map((bot) => bot.botId))
  }

  private pushState(): void {
    if (this.stopping) return
    let state: AppStateView
    try {
      state = this.state()
    } catch (error) {
      this.options.logger.error('the dashboard state could not be built', { error: (error as Error).message })
      return
    }
    // The health ages every tick: the state is pushed when anything else changed, and every few ticks for the health
    const json = JSON.stringify({ ...state, health: { ...state.health, userStreamAgeMs: null }, revision: 0 })
    this.quietTicks += 1
    if (json === this.lastStateJson && this.quietTicks < HEALTH_PUSH_TICKS) return
    this.lastStateJson = json
    this.quietTicks = 0
    this.revision += 1
    this.events.emit('state', { ...state, revision: this.revision })
  }
}
