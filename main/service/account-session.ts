import { fail, ok, type AwayItem, type ConfirmedPlan, type BalanceView, type EmergencyStopOutcome, type BotView, type CandleView, type ConnectionView, type HealthView, type PlanPreview, type Result } from '@shared/api'
import type { CommandParams } from '@shared/api/command-schemas'
import { parseBotConfig, type BotConfigInput } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import { stepDecimals } from '@shared/money/step'
import { planToJson } from '../cli/plan/plan-json'
import { AccountEngine } from '../engine/account/account-engine'
import { isBotIdInUseError } from '../engine/bot/bot-id-in-use-error'
import { GridBot } from '../engine/bot/grid-bot'
import { LiveClock } from '../engine/clock/live-clock'
import { BinanceExchange } from '../engine/exchange/binance/binance-exchange'
import type { BinanceEndpoints } from '../engine/exchange/binance/urls'
import type { Unsubscribe } from '../engine/exchange/port/exchange'
import type { KlineInterval } from '../engine/exchange/port/kline-interval'
import type { ExchangeRules } from '../engine/exchange/rules'
import { isJournalUnreadable, openJournal, type Journal } from '../engine/journal'
import type { Logger } from '../engine/logging/logger'
import { withoutStopIncidents } from '../engine/logging/without-stop-incidents'
import { startBotLoops, type BotLoops } from './bot-loops'
import { BotProfit } from './bot-profit'
import { buildBotView, START_PRICE_KEY } from './bot-view'
import { CandleFeed } from './candle-feed'
import { checkedPlan } from './checked-plan'
import { samePlan } from './same-plan'
import { startPaperExchange, type PaperExchange, type PaperExchangeOptions } from './paper-exchange'
import { suggestConfig } from './suggest-config'

/** Which exchange account a session trades: the built-in paper exchange, or an endpoint with keys. */
export type SessionTarget =
  | { readonly kind: 'built-in-paper'; readonly dataDir: string; readonly paper?: Omit<PaperExchangeOptions, 'dataDir'> }
  | { readonly kind: 'endpoint'; readonly endpoints: BinanceEndpoints; readonly apiKey: string; readonly apiSecret: string }

/** What a session needs. */
export interface AccountSessionOptions {
  readonly target: SessionTarget
  /** The journal of this account's bots. */
  readonly journalPath: string
  /** Asked before a journal is created where there is none: what shows an earlier one was there (see openJournal). */
  readonly earlierJournalTraces?: () => readonly string[]
  readonly logger: Logger
  /** Called when a chart candle changes. */
  readonly onCandle: (symbol: string, interval: string, candle: CandleView) => void
  /** How often balances are read from the exchange (5 000 ms). */
  readonly balanceIntervalMs?: number
}

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
/** The most items the away timeline holds. */
const AWAY_ITEMS = 500

/**
 * One exchange account as the app trades it: its journal, the connection (the paper exchange, or
 * an endpoint with keys), the account engine, its bots and their loops, chart candles, prices
 * and balances. The app runs one session at a time, for the mode chosen.
 */
export class AccountSession {
  private connection: ConnectionView = { status: 'starting', message: 'connecting to the exchange' }
  private connected: Connected | undefined
  private readonly journal: Journal
  private readonly bots = new Map<string, RunningBot>()
  private readonly feeds = new Map<string, CandleFeed>()
  private readonly prices = new Map<string, Decimal>()
  private readonly profits = new Map<string, BotProfit>()
  private readonly watches: Unsubscribe[] = []
  private readonly watchedSymbols = new Set<string>()
  private balances: readonly BalanceView[] = []
  private symbols: readonly string[] = []
  private readonly timers: ReturnType<typeof setInterval>[] = []
  private stopping = false
  /** The session's time: stopping it ends every wait of the engine and the exchange adapter at once. */
  private readonly clock = new LiveClock()
  private starting: Promise<void> | undefined
  private readonly logger: Logger
  private stopped: Promise<void> | undefined

  /** Opens the account's journal; throws, naming the cause, when it cannot. */
  constructor(private readonly options: AccountSessionOptions) {
    this.journal = openJournal(options.journalPath, options.earlierJournalTraces === undefined ? {} : { earlierJournalTraces: options.earlierJournalTraces })
    // What the stop cuts short is no incident
    this.logger = withoutStopIncidents(options.logger)
  }

  /**
   * Connects and restores every bot of the journal; a failure is kept for the UI to show, not
   * thrown, except a journal found unreadable (see isJournalUnreadable), which is no connection
   * problem: it takes the mode out of service.
   */
  start(): Promise<void> {
    this.starting ??= this.connectOrSay()
    return this.starting
  }

  /**
   * Stops every bot's loops and closes the connection and the journal; orders stay on the
   * exchange and the next start reconciles. Nothing is waited out: the session's clock stops, so a
   * request waiting for the rate limit's next window or a retry's backoff ends at once (a start
   * still connecting gives up the same way). A request already sent is answered first.
   */
  stop(): Promise<void> {
    this.stopped ??= this.close()
    return this.stopped
  }

  private async connectOrSay(): Promise<void> {
    try {
      await this.connect()
      this.connection = { status: 'ready', message: null }
    } catch (error) {
      if (isJournalUnreadable(error)) throw error
      if (this.stopping) {
        this.connection = { status: 'failed', message: 'the app stopped while connecting to the exchange' }
        this.logger.info('stopped while connecting to the exchange', { reason: (error as Error).message })
        return
      }
      this.connection = { status: 'failed', message: `could not connect to the exchange: ${(error as Error).message}` }
      this.logger.error('the app could not connect to the exchange', { error: (error as Error).message })
    }
  }

  private async close(): Promise<void> {
    this.stopping = true
    this.halt()
    // Every wait ends now, and a start still connecting gives up, closing what it opened
    this.clock.stop()
    // A start that found the journal unreadable has said so already
    await this.starting?.catch(() => undefined)
    // Bots a start restored meanwhile
    this.halt()
    for (const timer of this.timers) clearInterval(timer)
    for (const unsubscribe of this.watches) unsubscribe()
    for (const feed of this.feeds.values()) feed.close()
    const connected = this.connected
    if (connected !== undefined) {
      await Promise.all([...this.bots.values()].map(({ loops }) => loops.stop(STOP_GRACE_MS)))
      await connected.engine.lock.run(async () => undefined)
      await connected.exchange.close()
      await connected.paper?.close()
    }
    this.journal.close()
  }

  /** No new order from any bot, and no more user events. */
  private halt(): void {
    for (const { bot } of this.bots.values()) bot.trader.halt('all')
    this.connected?.engine.stop()
  }

  /** Where the connection stands. */
  connectionView(): ConnectionView {
    return this.connection
  }

  /** The account's balances with something in them, by asset. */
  balanceViews(): readonly BalanceView[] {
    return this.balances
  }

  /** The symbols open for trading. */
  tradingSymbols(): readonly string[] {
    return this.symbols
  }

  /** Every bot of the account as the dashboard shows it. */
  botViews(): BotView[] {
    const rules = this.connected?.engine.rules
    return this.journal.listBots().map((record) => {
      const known = rules?.has(record.symbol) === true ? rules.get(record.symbol) : undefined
      let profit = this.profits.get(record.botId)
      if (profit === undefined) this.profits.set(record.botId, (profit = new BotProfit()))
      const tick = known?.filters.priceFilter?.tickSize
      const step = known?.filters.lotSize?.stepSize
      return buildBotView(this.journal, record, {
        baseAsset: known?.baseAsset ?? '',
        quoteAsset: known?.quoteAsset ?? '',
        ...(tick !== undefined && tick.gt(0) ? { priceDecimals: stepDecimals(tick) } : {}),
        ...(step !== undefined && step.gt(0) ? { quantityDecimals: stepDecimals(step) } : {}),
        lastPrice: this.prices.get(record.symbol) ?? null,
        profit
      })
    })
  }

  /** A configuration ready to start on the first symbol (the first launch's grid, the setup form's start), with an id no bot has. */
  suggestion(): BotConfigInput | null {
    const symbol = this.symbols[0]
    if (symbol === undefined) return null
    const price = this.prices.get(symbol)
    const rules = this.connected?.engine.rules
    if (price === undefined || rules?.has(symbol) !== true) return null
    return suggestConfig(rules.get(symbol), price, this.journal.listBots().map((bot) => bot.botId))
  }

  /** The connection's health: stream, clock offset, request and order budgets. */
  health(): HealthView {
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

  /** What happened to the account's bots after `sinceMs`: fills, bot events and incidents, oldest first (the latest 500). */
  timelineSince(sinceMs: number): AwayItem[] {
    const items: AwayItem[] = []
    for (const record of this.journal.listBots()) {
      const botId = record.botId
      for (const fill of this.journal.listFills(botId)) {
        if (fill.timeMs > sinceMs) items.push({ atMs: fill.timeMs, botId, kind: 'fill', text: `${fill.side} ${fill.quantity} ${record.symbol} filled at ${fill.price}` })
      }
      for (const event of this.journal.listBotEvents(botId, { limit: AWAY_ITEMS })) {
        if (event.atMs > sinceMs) items.push({ atMs: event.atMs, botId, kind: 'event', text: event.message })
      }
      for (const incident of this.journal.listIncidents({ botId })) {
        if (incident.openedAtMs > sinceMs) items.push({ atMs: incident.openedAtMs, botId, kind: 'incident', text: `${incident.severity}: ${incident.message}` })
      }
    }
    return items.sort((a, b) => a.atMs - b.atMs).slice(-AWAY_ITEMS)
  }

  /** Whether any bot runs (live bots keep the computer awake). */
  hasRunningBot(): boolean {
    return this.journal.listBots().some((bot) => bot.status === 'running')
  }

  /** Whether any bot has orders open or on their way. */
  hasOpenOrders(): boolean {
    return this.journal.listBots().some((bot) => this.journal.listIntents(bot.botId, ['sending', 'placed', 'unknown']).length > 0)
  }

  /** Reconciles every bot with the exchange now (after a resume from sleep); a failure is logged per bot. */
  async reconcileAll(): Promise<void> {
    for (const [botId, { bot }] of this.bots) {
      await bot.reconcile().catch((error: unknown) => this.logger.error('reconciliation after a resume failed', { botId, error: String(error) }))
    }
  }

  /**
   * Emergency-stops every bot of the account at once: each is persisted as stopped and halted
   * before any cancel is sent, so none keeps trading while another's orders are cancelled; then
   * each bot's orders are cancelled and, when asked, its base sold. A bot whose stop fails does
   * not keep the others from stopping: its outcome lists the orders the journal still holds open.
   */
  stopAll(sellBase: boolean): Promise<Result<(EmergencyStopOutcome & { botId: string })[]>> {
    return this.ready(async () => {
      const running = [...this.bots.entries()]
      const settled = await Promise.allSettled(running.map(([, { bot }]) => bot.emergencyStop({ sellBase })))
      return ok(
        settled.map((result, index) => {
          const botId = running[index]![0]
          if (result.status === 'fulfilled') return { botId, cancelled: result.value.cancelled, stillOpen: result.value.stillOpen, soldBase: result.value.soldBase }
          this.logger.error('an emergency stop did not finish', { botId, error: String(result.reason) })
          const open = this.journal.listIntents(botId, ['sending', 'placed', 'unknown']).map((intent) => intent.intentId)
          return { botId, cancelled: [], stillOpen: open, soldBase: null }
        })
      )
    })
  }

  /** Runs work that needs the connection, or says it is not there. */
  async ready<T>(work: (connected: Connected) => Promise<Result<T>>): Promise<Result<T>> {
    const connected = this.connected
    if (connected === undefined || this.stopping) return fail('not-ready', this.connection.message ?? 'the app is not connected to the exchange')
    return work(connected)
  }

  /** Runs work on one of the account's bots. */
  withBot<T>(botId: string, work: (bot: GridBot) => Promise<T>): Promise<Result<T>> {
    return this.ready(async () => {
      const running = this.bots.get(botId)
      if (running === undefined) return fail('unknown-bot', `there is no bot ${botId}`)
      return ok(await work(running.bot))
    })
  }

  /** Runs work on one level of one bot, or says the bot has no such level. */
  withLevel(params: { readonly botId: string; readonly level: number }, work: (bot: GridBot) => Promise<void>): Promise<Result<null>> {
    return this.ready(async () => {
      const running = this.bots.get(params.botId)
      if (running === undefined) return fail('unknown-bot', `there is no bot ${params.botId}`)
      const levels = this.journal.listLevels(params.botId)
      if (!levels.some((level) => level.level === params.level)) {
        return fail('unknown-level', levels.length === 0 ? `bot ${params.botId} has no levels yet` : `bot ${params.botId} has no level ${params.level}: its levels are 0 to ${levels.length - 1}`)
      }
      await work(running.bot)
      return ok(null)
    })
  }

  /**
   * Moves a bot's OCO backstop to new stop-loss and take-profit prices; prices its configuration
   * cannot take (a stop-loss above the grid, a take-profit below the stop) are refused, each named.
   */
  moveOco(botId: string, stopLoss: string, takeProfit: string): Promise<Result<null>> {
    return this.ready(async () => {
      const running = this.bots.get(botId)
      if (running === undefined) return fail('unknown-bot', `there is no bot ${botId}`)
      const current = running.bot.config
      const checked = parseBotConfig({ ...current, risk: { ...current.risk, stopLoss, takeProfit, ocoBackstop: true } })
      if (!checked.ok) return fail('invalid-params', checked.errors.join('; '), { problems: checked.errors })
      await running.bot.moveBackstop(stopLoss, takeProfit)
      return ok(null)
    })
  }

  /**
   * Creates a bot from a configuration and starts its loops, once its plan at the price passes
   * every check (funds, exits) and, when `expected` is given, places exactly the confirmed orders;
   * a refused start stores nothing.
   */
  startBot(input: unknown, expected?: ConfirmedPlan): Promise<Result<{ botId: string }>> {
    return this.ready(async (connected) => {
      const parsed = parseBotConfig(input)
      if (!parsed.ok) return fail('invalid-config', parsed.errors.join('; '), { errors: parsed.errors })
      const config = parsed.config
      if (this.journal.getBot(config.id) !== undefined) return fail('bot-exists', `a bot with id ${config.id} exists already; choose another id`)
      if (!this.symbols.includes(config.symbol)) return fail('unknown-symbol', `${config.symbol} is not traded on this exchange`)
      const { exchange, engine, clock } = connected
      if (!engine.rules.has(config.symbol)) await engine.rules.refresh([config.symbol])
      await this.watchPrice(config.symbol)
      const startPrice = await exchange.lastPrice(config.symbol)
      const plan = checkedPlan(engine, config, startPrice)
      const preview = planToJson(plan, false)
      if (expected !== undefined && !samePlan(preview, expected)) {
        return fail('plan-changed', `the price moved to ${preview.price} since the preview, and the plan changed: nothing was sent; read the new plan and confirm again`, { plan: preview })
      }
      if (plan.problems.length > 0) return fail('plan-problems', `the plan cannot start: ${plan.problems.map((problem) => problem.message).join(' ')}`, { plan: preview })
      const bot = new GridBot(engine, { exchange, journal: this.journal, clock, logger: this.logger }, config)
      try {
        await bot.create()
      } catch (error) {
        if (isBotIdInUseError(error)) return fail('bot-id-in-use', error.message)
        if (this.journal.getBot(config.id) === undefined) return fail('not-started', (error as Error).message)
        // Stored as failed, with an incident: it shows, and resuming it tries the start again
        this.bots.set(config.id, { bot, loops: startBotLoops(bot) })
        return fail('not-started', `${(error as Error).message}; the bot is kept as failed: read its incident, and resume it to try again`, { botId: config.id })
      }
      this.journal.saveBotState(config.id, START_PRICE_KEY, JSON.stringify(startPrice.toFixed()), clock.nowMs())
      const { grids, lower, upper, investment } = config.grid
      this.journal.appendBotEvent({ botId: config.id, type: 'Started', level: null, message: `started by you: ${grids} grids from ${lower} to ${upper} on ${config.symbol}, ${investment} ${engine.rules.get(config.symbol).quoteAsset} invested`, detailsJson: '{}', atMs: clock.nowMs() })
      this.bots.set(config.id, { bot, loops: startBotLoops(bot) })
      this.logger.info('bot started', { botId: config.id, symbol: config.symbol })
      return ok({ botId: config.id })
    })
  }

  /** Plans a grid from a draft configuration at the current price, sending nothing. */
  previewPlan(input: unknown): Promise<Result<PlanPreview>> {
    return this.ready(async (connected) => {
      const parsed = parseBotConfig(input)
      if (!parsed.ok) return fail('invalid-config', parsed.errors.join('; '), { errors: parsed.errors })
      const config = parsed.config
      if (!this.symbols.includes(config.symbol)) return fail('unknown-symbol', `${config.symbol} is not traded on this exchange`)
      const { engine, exchange } = connected
      if (!engine.rules.has(config.symbol)) await engine.rules.refresh([config.symbol])
      const price = this.prices.get(config.symbol) ?? (await exchange.lastPrice(config.symbol))
      return ok(planToJson(checkedPlan(engine, config, price), false))
    })
  }

  /** The exchange's rules with a symbol's (for a backtest), or undefined when it is not connected or does not trade the symbol. */
  async exchangeRules(symbol: string): Promise<ExchangeRules | undefined> {
    const connected = this.connected
    if (connected === undefined || this.stopping || !this.symbols.includes(symbol)) return undefined
    return connected.exchange.exchangeInfo([symbol])
  }

  /** Returns a symbol's recent candles and follows it, so its chart updates. */
  candles(params: CommandParams<'getCandles'>): Promise<Result<CandleView[]>> {
    return this.ready(async (connected) => {
      const key = `${params.symbol}:${params.interval}`
      let feed = this.feeds.get(key)
      if (feed === undefined) {
        feed = new CandleFeed(connected.exchange, params.symbol, params.interval as KlineInterval)
        this.feeds.set(key, feed)
        const { symbol, interval } = params
        this.watches.push(feed.listen((candle) => this.options.onCandle(symbol, interval, candle)))
      }
      return ok(await feed.history(params.limit))
    })
  }

  private async connect(): Promise<void> {
    const { target } = this.options
    const logger = this.logger
    const paper = target.kind === 'built-in-paper' ? await startPaperExchange({ dataDir: target.dataDir, onSaveError: (error) => logger.warn('the paper account could not be saved; the next save tries again', { error: error.message }), ...target.paper }) : undefined
    const access = paper ?? (target.kind === 'endpoint' ? target : undefined)
    if (access === undefined) throw new Error('there is no exchange to connect to')
    const clock = this.clock
    const exchange = new BinanceExchange({ endpoints: access.endpoints, apiKey: access.apiKey, apiSecret: access.apiSecret, clock, logger })
    const engine = new AccountEngine({ exchange, journal: this.journal, clock, logger, random: Math.random })
    try {
      const info = await exchange.exchangeInfo()
      this.symbols = [...info.symbols.values()].filter((rules) => rules.status === 'TRADING').map((rules) => rules.symbol).sort(preferBtcUsdt)
      const botSymbols = this.journal.listBots().map((bot) => bot.symbol)
      await engine.start([...new Set([...botSymbols, ...this.symbols.slice(0, 1)])])
    } catch (error) {
      await exchange.close().catch(() => undefined)
      await paper?.close().catch(() => undefined)
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

  private async watchPrice(symbol: string): Promise<void> {
    const connected = this.connected
    if (connected === undefined || this.watchedSymbols.has(symbol)) return
    this.watchedSymbols.add(symbol)
    this.watches.push(connected.exchange.subscribeTrades(symbol, (tick) => this.prices.set(symbol, tick.price)))
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
      this.logger.debug('balances could not be read', { error: (error as Error).message })
    }
  }
}

/** Sorts symbols by name, BTCUSDT first: the one a first grid is suggested on. */
function preferBtcUsdt(a: string, b: string): number {
  if (a === 'BTCUSDT' || b === 'BTCUSDT') return a === 'BTCUSDT' ? (b === 'BTCUSDT' ? 0 : -1) : 1
  return a.localeCompare(b)
}
