import { Decimal } from '@shared/money/decimal'
import type { AccountEngine } from '../account/account-engine'
import type { Clock } from '../clock/clock'
import type { Exchange } from '../exchange/port/exchange'
import { GridTrader } from '../grid/trader/grid-trader'
import type { Journal } from '../journal/journal'
import type { BotRecord } from '../journal/journal-records'
import type { Logger } from '../logging/logger'
import type { RetryPolicy } from '../orders/retry-policy'
import type { ReconcileReport } from '../reconcile/reconciler'
import { CANDLE_INTERVAL_MS, initialMarketStateMemory, parseMarketStateMemory, protectiveMode, replayMarketState, type MarketStateMemory } from '../market'
import type { BotContext } from './bot-context'
import { BotExits, EXITING, type EmergencyStopReport } from './bot-exits'
import { botHoldings } from './bot-holdings'
import { BotIncidents } from './bot-incidents'
import { BotStarter } from './bot-start'
import { cancelEveryOrder } from './cancel-every-order'
import type { GridBotConfig } from './grid-bot-config'
import { GridReplanner, RECENTERING, type RecenterCheck } from './grid-replanner'
import { parseBotConfig } from '@shared/config/bot-config'
import { classifyConfigChange, type ConfigChange } from '@shared/config/config-change'
import { diagnoseDeadlock, type DeadlockDiagnosis } from './deadlock'
import { tradeBase } from './trade-base'
import { riskTrigger, type RiskTrigger } from '../risk/risk-trigger'
import { OcoBackstop } from '../risk/oco-backstop'

/** The journal's name for a bot's market-state memory. */
const MARKET_STATE_KEY = 'market-state'
/** Timer: when the last deadlock rebalance happened (its cooldown runs from there). */
const DEADLOCK_COOLDOWN = 'deadlock-cooldown'

export type { EmergencyStopReport } from './bot-exits'

/** What a grid bot needs besides its account. */
export interface GridBotDeps {
  readonly exchange: Exchange
  readonly journal: Journal
  readonly clock: Clock
  readonly logger: Logger
}

/**
 * One grid bot on one symbol of an account: created from its configuration (planned at the
 * current price, the base its sells need bought, the grid placed), or restored after a restart
 * (its share of the funds rebuilt from the journal, reconciled with the exchange, every unhedged
 * fill answered, unfinished intents finished). A start that fails leaves the bot `failed`, with an
 * incident saying why, until a person resumes it. An EMERGENCY is persisted, raised as a critical
 * incident, and stops it opening exposure until a person acts.
 */
export class GridBot {
  readonly trader: GridTrader
  /** The exchange-side OCO over the inventory the grid's SELLs do not hold. */
  readonly backstop: OcoBackstop

  private readonly deps: GridBotDeps
  private current: GridBotConfig
  private readonly incidents: BotIncidents
  private readonly replanner: GridReplanner
  private readonly starter: BotStarter
  private readonly exits: BotExits
  /** What the bot's start, exits and re-planning share of it. */
  private readonly shared: BotContext

  constructor(
    private readonly account: AccountEngine,
    deps: GridBotDeps,
    config: GridBotConfig
  ) {
    // Reads the exchange refuses as retryable (a 429, a -1021 burst) are asked again, as the account's own are
    deps = { ...deps, exchange: account.exchange }
    this.deps = deps
    this.current = config
    this.trader = new GridTrader({
      botId: config.id,
      symbol: config.symbol,
      journal: deps.journal,
      gateway: account.gateway,
      tracker: account.tracker,
      rules: account.rules,
      clock: deps.clock,
      logger: deps.logger,
      onEmergency: (reason, details) => this.exits.enter(reason, details),
      retry: retryPolicyOf(config),
      waitRecheckMs: config.orders.waitRecheckMs,
      makeRoomToSell: (quantity) => this.makeRoomToSell(quantity)
    })
    // Every send, cancel and query of this bot's orders follows its own configured budget
    account.gateway.setBotPolicy(config.id, retryPolicyOf(config), marketBuyHeadroomOf(config))
    this.backstop = new OcoBackstop({
      account,
      exchange: deps.exchange,
      journal: deps.journal,
      clock: deps.clock,
      logger: deps.logger,
      config: () => this.current,
      event: (type, message, details) => this.event(type, null, message, details)
    })
    this.incidents = new BotIncidents({ botId: config.id, journal: deps.journal, clock: deps.clock, logger: deps.logger })
    this.shared = this.context()
    this.starter = new BotStarter(this.shared)
    this.exits = new BotExits(this.shared)
    this.replanner = new GridReplanner({
      ...this.shared,
      adopt: (next) => {
        deps.journal.saveBot({ ...this.record(), configJson: JSON.stringify(next), updatedAtMs: deps.clock.nowMs() })
        this.current = next
      },
      status: () => this.record().status,
      event: (type, message, details) => this.event(type, null, message, details)
    })
    // Events may have been missed while the stream was down: the exchange is asked again
    account.onReconnect(() => {
      this.reconcileAndProtect().catch((error: unknown) => deps.logger.error('reconciliation after a reconnect failed', { botId: config.id, error: String(error) }))
    })
  }

  /**
   * Plans and starts a new bot. A configuration the symbol cannot serve or a plan with problems
   * throws before anything is stored or sent; a start that fails after that (the base for the
   * SELLs could not be bought) leaves the bot `failed` with an incident, and throws.
   */
  create(): Promise<void> {
    return this.starter.create()
  }

  /**
   * Before a grid SELL: when the base it needs is held by the bot's own OCO (which covers carried
   * dust and inventory outside the grid), the OCO is cancelled to free it; what is returned places
   * it again for what is left, once the SELL is sent.
   */
  private async makeRoomToSell(quantity: Decimal): Promise<(() => void) | undefined> {
    const rules = this.account.rules.get(this.current.symbol)
    if (!this.backstop.isPlaced() || this.account.ledger.available(this.current.id, rules.baseAsset).gte(quantity)) return undefined
    await this.backstop.cancel(`making room for a grid SELL of ${quantity.toFixed()} ${rules.baseAsset}`)
    return () => {
      if (this.record().status === 'running') void this.syncBackstop()
    }
  }

  /** Places, moves or removes the OCO backstop to match the inventory; a failure is logged, the triggers stay armed. */
  async syncBackstop(): Promise<void> {
    await this.backstop.sync().catch((error: unknown) => this.deps.logger.warn('the OCO backstop could not be brought up to date', { botId: this.current.id, error: String(error) }))
  }

  /**
   * Restores a bot after a restart: funds share, reconciliation, then trading resumes (unless
   * stopped or failed). A bot whose start the restart cut short is marked failed, with an
   * incident: a restart never finishes a start on its own.
   */
  async restore(): Promise<ReconcileReport | undefined> {
    const { journal } = this.deps
    const { id: botId } = this.config
    const rules = this.account.rules.get(this.config.symbol)
    const allocation = { [rules.quoteAsset]: new Decimal(this.config.grid.investment), [rules.baseAsset]: new Decimal(this.config.grid.baseHeld) }
    this.account.ledger.registerBot(botId, botHoldings(allocation, rules.baseAsset, rules.quoteAsset, journal.listFills(botId)))
    const record = this.record()
    const interrupted = this.starter.interrupted(record)
    if (record.status === 'stopped' || record.status === 'paused' || record.status === 'failed' || interrupted) {
      this.trader.halt('all')
      this.account.gateway.blockBot(botId)
    }
    if (record.status === 'emergency') this.trader.halt(this.config.emergency.flatten ? 'all' : 'buys')
    this.trader.load()
    const report = await this.reconcile()
    if (interrupted) {
      await this.starter.fail('the app stopped before its grid was placed, and a restart does not finish a start on its own')
      return report
    }
    if (record.status === 'failed') return report
    if (journal.getTimer(botId, EXITING) !== undefined) {
      // An exit was cut short by the restart: finish it (cancelling and selling can be done again)
      const stored = JSON.parse(journal.getBotState(botId, EXITING) ?? '{}') as { trigger?: RiskTrigger; price?: string }
      this.deps.logger.warn('finishing an exit a restart interrupted', { botId })
      await this.exit(stored.trigger ?? 'stop-loss', new Decimal(stored.price ?? (await this.deps.exchange.lastPrice(this.current.symbol)).toFixed()))
      return report
    }
    // A recenter cut short on a bot a person stopped since is not finished: what they did stands
    if (record.status !== 'running') journal.clearTimer(botId, RECENTERING)
    if (journal.getTimer(botId, RECENTERING) !== undefined) {
      // A recenter was cut short by the restart: finish it (every step of it can be done again)
      this.deps.logger.warn('finishing a recenter a restart interrupted', { botId })
      await this.recenter(await this.deps.exchange.lastPrice(this.current.symbol), await this.deps.exchange.serverTimeMs())
      return report
    }
    await this.backstop.adopt()
    await this.trader.resume()
    if (this.record().status === 'running') await this.syncBackstop()
    return report
  }

  /** Reconciles this bot with the exchange. */
  async reconcile(): Promise<ReconcileReport> {
    const active = new Set(this.trader.levelStates().flatMap((level) => (level.activeIntentId === null ? [] : [level.activeIntentId])))
    const report = await this.account.reconciler.reconcileBot(this.config.id, this.config.symbol, active)
    await this.account.drained()
    // Levels waiting on something that never came (a failed cancel, a lost event) get another pass;
    // it runs on its own, since a retry may wait minutes for the exchange
    this.trader.driveAll().catch((error: unknown) => this.deps.logger.error('driving the levels after reconciliation failed', { botId: this.config.id, error: String(error) }))
    return report
  }

  /**
   * Refreshes the symbol's rules when they are older than configured, reconciles the orders, then
   * the OCO backstop: a second list of the bot is cancelled, one gone
   * from the exchange (filled, cancelled on the website) is forgotten, and a running bot's
   * backstop is placed or moved to what the inventory calls for. After a reconnect and on the
   * periodic pass; a restart adopts the backstop itself, once the missed fills are answered.
   */
  async reconcileAndProtect(): Promise<ReconcileReport> {
    const refreshed = await this.account.rules.refreshStale([this.current.symbol], this.current.reconcile.rulesMaxAgeMs)
    if (refreshed.length > 0) this.deps.logger.debug('exchange rules refreshed', { botId: this.current.id, symbols: refreshed.join(',') })
    await this.account.refreshFeePrices([this.current.symbol])
    const report = await this.reconcile()
    await this.backstop.adopt()
    if (this.record().status === 'running') await this.syncBackstop()
    return report
  }

  /**
   * Reconciles every `intervalMs` of clock time until the signal aborts: events can be lost
   * without the stream ever saying so, and only asking the exchange finds that out.
   */
  async keepReconciling(signal: AbortSignal, intervalMs = this.config.reconcile.intervalMs): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.deps.clock.sleep(intervalMs, signal)
      } catch {
        return
      }
      await this.reconcileAndProtect().catch((error: unknown) => this.deps.logger.error('periodic reconciliation failed', { botId: this.config.id, error: String(error) }))
    }
  }

  /** EMERGENCY STOP: every order of the bot cancelled and, if asked, its base sold; stays stopped until a person resumes it (see BotExits). */
  emergencyStop(options: { readonly sellBase: boolean }): Promise<EmergencyStopReport> {
    return this.exits.emergencyStop(options)
  }

  /** Pauses the bot: no new orders; those on the exchange stay. A bot that did not start has nothing to pause. */
  pause(): void {
    if (this.record().status === 'failed') return
    this.trader.halt('all')
    this.account.gateway.blockBot(this.config.id)
    this.deps.journal.saveBot({ ...this.record(), status: 'paused', updatedAtMs: this.deps.clock.nowMs() })
    this.event('Paused', null, 'paused by you: no new orders')
  }

  /**
   * Resumes a paused, stopped or EMERGENCY bot — only ever on a person's explicit command. Open
   * incidents are marked resolved, the bot reconciles, and the grid places what waits. A bot that
   * never placed its grid (its start failed) starts again instead.
   */
  async resume(): Promise<void> {
    const { journal, clock } = this.deps
    const record = this.record()
    if (record.status === 'running') return
    if (record.status === 'failed' || journal.listLevels(this.config.id).length === 0) return this.starter.startAgain(record)
    const now = clock.nowMs()
    journal.transaction(() => {
      journal.saveBot({ ...record, status: 'running', updatedAtMs: now })
      for (const incident of journal.listIncidents({ openOnly: true, botId: this.config.id })) journal.resolveIncident(incident.incidentId, now)
    })
    this.event('Resumed', null, `resumed by you (was ${record.status})`)
    this.account.gateway.unblockBot(this.config.id)
    this.trader.unhalt()
    this.trader.retryFailedCounters()
    await this.reconcile()
  }

  /** Recenters the grid around the price now, by hand (no confirmation period, no cooldown); only a running bot. */
  async recenterNow(): Promise<boolean> {
    this.event('RecenterRequested', null, 'recenter requested by you')
    const status = this.record().status
    if (status !== 'running') {
      this.event('RecenterRefused', null, `not recentered: the bot is ${status}; resume it first`)
      return false
    }
    return this.recenter(await this.deps.exchange.lastPrice(this.current.symbol), await this.deps.exchange.serverTimeMs())
  }

  /** Looks for a deadlock now, by hand, ignoring the cooldown; rebalances if there is one. */
  async rebalanceNow(): Promise<'none' | 'cooldown' | 'rebalanced'> {
    this.event('RebalanceRequested', null, 'rebalance requested by you')
    this.deps.journal.clearTimer(this.current.id, DEADLOCK_COOLDOWN)
    return this.checkDeadlock()
  }

  /** Cancels the OCO backstop by hand; it stays off until the configuration turns it on again. */
  async cancelBackstop(): Promise<void> {
    await this.applyConfig({ ...this.current, risk: { ...this.current.risk, ocoBackstop: false } })
    await this.backstop.cancel('cancelled by you')
  }

  /** Moves the OCO backstop to new stop-loss and take-profit prices by hand (a live configuration change). */
  async moveBackstop(stopLoss: string, takeProfit: string): Promise<void> {
    const result = await this.applyConfig({ ...this.current, risk: { ...this.current.risk, stopLoss, takeProfit, ocoBackstop: true } })
    if (!result.applied) throw new Error(`the OCO cannot move: ${result.reason ?? 'refused'}`)
    await this.backstop.cancel(`moved by you to ${stopLoss}–${takeProfit}`)
    await this.syncBackstop()
  }

  /** Holds one level by hand: its order is cancelled and nothing is placed on it until released. */
  async holdLevel(index: number): Promise<void> {
    this.event('LevelHeld', index, `level ${index} held by you`)
    await this.trader.holdLevel(index)
  }

  /** Releases a held level: what waits for it is placed. */
  async releaseLevel(index: number): Promise<void> {
    this.event('LevelReleased', index, `level ${index} released by you`)
    await this.trader.releaseLevel(index)
  }

  /**
   * Reads the market from the exchange's closed candles since the last reading, keeps the
   * hysteresis memory in the journal, records each confirmed change as a bot event, and gives the
   * grid the protective decision that follows. Returns the confirmed state.
   */
  async updateMarketState(): Promise<MarketStateMemory> {
    const { journal, exchange, clock } = this.deps
    const { id: botId, symbol, marketState, protective } = this.config
    const stored = journal.getBotState(botId, MARKET_STATE_KEY)
    const parsed = stored === undefined ? undefined : parseMarketStateMemory(JSON.parse(stored))
    const memory = parsed?.ok === true ? parsed.memory : initialMarketStateMemory()
    const candles = await exchange.klines(symbol, marketState.candleInterval, marketState.windowCandles + marketState.hysteresisCandles + 1)
    const replay = replayMarketState(candles, marketState, memory)
    journal.saveBotState(botId, MARKET_STATE_KEY, JSON.stringify(replay.memory), clock.nowMs())
    for (const change of replay.changes) this.event('MarketStateChanged', null, `market ${change.from} → ${change.to}: ${change.reason}`, { from: change.from, to: change.to })
    const state = replay.memory.state
    await this.trader.setProtection((lowestOpenBuyPrice) => protectiveMode(state, protective, { lowestOpenBuyPrice }))
    return replay.memory
  }

  /** Reads the market, and checks for a recenter and a deadlock, once per candle interval until the signal aborts. */
  async keepWatchingMarket(signal: AbortSignal): Promise<void> {
    const intervalMs = CANDLE_INTERVAL_MS[this.config.marketState.candleInterval]
    while (!signal.aborted) {
      await this.updateMarketState().catch((error: unknown) => this.deps.logger.warn('reading the market state failed; the last state stands', { botId: this.config.id, error: String(error) }))
      await this.checkRecenter().catch((error: unknown) => this.deps.logger.warn('checking the range failed', { botId: this.config.id, error: String(error) }))
      await this.checkDeadlock().catch((error: unknown) => this.deps.logger.warn('checking for a deadlock failed', { botId: this.config.id, error: String(error) }))
      if (this.record().status === 'running') await this.syncBackstop()
      try {
        await this.deps.clock.sleep(intervalMs, signal)
      } catch {
        return
      }
    }
  }

  /** The bot's configuration; its grid range moves when the bot recenters. */
  get config(): GridBotConfig {
    return this.current
  }

  /**
   * Checks whether the grid must move (see GridReplanner.checkRecenter): a running bot, the price
   * outside the range for the confirmation period and no attempt within the cooldown, both on the
   * exchange's clock. Then recenters.
   */
  checkRecenter(): Promise<RecenterCheck> {
    return this.replanner.checkRecenter()
  }

  /** Moves the grid around the price, funded from the bot's whole holdings (see GridReplanner.recenter). */
  recenter(price: Decimal, nowMs: number): Promise<boolean> {
    return this.replanner.recenter(price, nowMs)
  }

  /**
   * Looks for a deadlock — grid placements that failed because neither side can be funded — and
   * resolves it: the diagnosis is recorded, the bot's value is rebalanced between quote and base
   * in the proportion the two sides need (a bounded base trade: MARKET where the symbol allows it
   * and the config does, else a LIMIT at the touch re-priced until filled or the attempts are
   * spent), the failed placements are tried again, and a cooldown kept in the journal starts.
   * Level orders that failed (or were refused) while their side could be funded are no deadlock:
   * a running bot tries them again, with the same cooldown, and says so.
   */
  async checkDeadlock(): Promise<'none' | 'cooldown' | 'rebalanced'> {
    const { journal, exchange } = this.deps
    const { id: botId, symbol, deadlock } = this.current
    const nowMs = await exchange.serverTimeMs()
    const cooldown = journal.getTimer(botId, DEADLOCK_COOLDOWN)
    if (cooldown !== undefined && nowMs - cooldown.atMs < deadlock.cooldownMs) return 'cooldown'
    const diagnosis = await this.diagnoseDeadlock()
    if (diagnosis === undefined) {
      // Not a deadlock: a level order that failed while its side could be funded is tried again, once per cooldown
      const failed = this.trader.failedPlacements()
      if (failed.length === 0 || this.record().status !== 'running') return 'none'
      journal.setTimer({ botId, name: DEADLOCK_COOLDOWN, atMs: nowMs })
      const levels = [...new Set(failed.map((intent) => intent.level))].sort((a, b) => (a ?? 0) - (b ?? 0)).join(', ')
      this.event('PlacementsRetried', null, `tried again: the order${failed.length === 1 ? '' : 's'} of level${failed.length === 1 ? '' : 's'} ${levels} that could not be placed; next try after the cooldown if it fails again`)
      await this.trader.retryFailedPlacements()
      return 'none'
    }
    const rules = this.account.rules.get(symbol)
    this.event('DeadlockFound', null, diagnosis.message)
    const traded = diagnosis.rebalance === null ? undefined : await this.shared.tradeBase(diagnosis.rebalance.side, diagnosis.rebalance.quantity, 'rebalance')
    journal.setTimer({ botId, name: DEADLOCK_COOLDOWN, atMs: nowMs })
    const shortfall = traded?.shortfall == null ? '' : ` (${traded.shortfall})`
    this.event('Rebalanced', null, `rebalanced: ${diagnosis.rebalance?.side ?? 'nothing'} ${traded?.filled.toFixed() ?? '0'} ${rules.baseAsset}${shortfall}; next check after the cooldown`, { traded: traded?.filled.toFixed() ?? '0' })
    await this.trader.retryFailedPlacements()
    return 'rebalanced'
  }

  /** Reads whether the bot is deadlocked now, and the trade that would rebalance it; sends nothing. */
  async diagnoseDeadlock(): Promise<DeadlockDiagnosis | undefined> {
    const { id: botId, symbol } = this.current
    const failed = this.trader.failedPlacements()
    if (failed.length === 0) return undefined
    const rules = this.account.rules.get(symbol)
    const price = await this.deps.exchange.lastPrice(symbol)
    const ledger = this.account.ledger
    return diagnoseDeadlock(failed, ledger.available(botId, rules.quoteAsset), ledger.available(botId, rules.baseAsset), price, rules.quoteAsset, rules.baseAsset)
  }

  /**
   * Checks the bot-level stop-loss and take-profit against the last price; when one is crossed
   * the bot exits with the outcome its person chose. Works while running or in EMERGENCY.
   */
  async checkRisk(): Promise<RiskTrigger | undefined> {
    const status = this.record().status
    if (status !== 'running' && status !== 'emergency') return undefined
    const price = await this.deps.exchange.lastPrice(this.current.symbol)
    const trigger = riskTrigger(price, this.current.risk)
    if (trigger !== undefined) await this.exit(trigger, price)
    return trigger
  }

  /** Checks the stop-loss and take-profit on every public trade until unsubscribed; one exit at a time. */
  watchRisk(): () => void {
    let checking = false
    return this.deps.exchange.subscribeTrades(this.current.symbol, () => {
      if (checking) return
      checking = true
      this.checkRisk()
        .catch((error: unknown) => this.deps.logger.error('checking the stop-loss and take-profit failed', { botId: this.current.id, error: String(error) }))
        .finally(() => (checking = false))
    })
  }

  /** Exits after a stop-loss or take-profit with the outcome the person chose (see BotExits.exit). */
  exit(trigger: RiskTrigger, price: Decimal): Promise<void> {
    return this.exits.exit(trigger, price)
  }

  /**
   * Changes a bot's configuration by the rules of classifyConfigChange: a new id or symbol is
   * refused (nothing changes); risk, fees, timing and protective settings apply at once; a new
   * grid shape re-plans a running bot around the price with its current holdings (its fills,
   * counter-orders already placed or filled, and funds are kept). A bot that never placed its grid
   * takes the new shape when it starts again; a stopped or paused one refuses it until resumed.
   * Every change is a bot event.
   */
  async applyConfig(proposed: GridBotConfig): Promise<{ readonly changes: readonly ConfigChange[]; readonly applied: boolean; readonly reason?: string }> {
    // Validated again as a whole: a command that edits one field must still leave a valid configuration
    const parsed = parseBotConfig(proposed)
    if (!parsed.ok) return { changes: [], applied: false, reason: parsed.errors.join('; ') }
    const next = parsed.config
    const changes = classifyConfigChange(this.current, next)
    const refused = changes.filter((change) => change.effect === 'refused')
    if (refused.length > 0) return { changes, applied: false, reason: refused.map((change) => `${change.path}: ${change.reason}`).join('; ') }
    if (changes.length === 0) return { changes, applied: true }
    const { journal, clock, exchange } = this.deps
    const record = this.record()
    const replan = changes.some((change) => change.effect === 'replan')
    const neverStarted = record.status === 'failed' || journal.listLevels(next.id).length === 0
    if (replan && record.status !== 'running' && !neverStarted) return { changes, applied: false, reason: `the bot is ${record.status}: resume it before changing its grid` }
    const before = this.current
    this.current = next
    this.account.gateway.setBotPolicy(next.id, retryPolicyOf(next), marketBuyHeadroomOf(next))
    journal.saveBot({ ...record, configJson: JSON.stringify(next), updatedAtMs: clock.nowMs() })
    // The bot's share follows what it is given (its share is its allocation plus its fills)
    const rules = this.account.rules.get(next.symbol)
    this.account.ledger.addToBot(next.id, rules.quoteAsset, new Decimal(next.grid.investment).sub(before.grid.investment))
    this.account.ledger.addToBot(next.id, rules.baseAsset, new Decimal(next.grid.baseHeld).sub(before.grid.baseHeld))
    for (const change of changes) this.event('ConfigChanged', null, `${change.path} changed (${change.effect}): ${change.reason}`, { path: change.path, effect: change.effect })
    if (replan && !neverStarted) {
      const price = await exchange.lastPrice(next.symbol)
      const planned = await this.replanner.replan(price, new Decimal(next.grid.lower), new Decimal(next.grid.upper), 'the grid settings changed', 'holdings')
      if (!planned) {
        this.current = before
        this.account.gateway.setBotPolicy(before.id, retryPolicyOf(before), marketBuyHeadroomOf(before))
        this.account.ledger.addToBot(next.id, rules.quoteAsset, new Decimal(before.grid.investment).sub(next.grid.investment))
        this.account.ledger.addToBot(next.id, rules.baseAsset, new Decimal(before.grid.baseHeld).sub(next.grid.baseHeld))
        journal.saveBot({ ...this.record(), configJson: JSON.stringify(before), updatedAtMs: clock.nowMs() })
        return { changes, applied: false, reason: 'the new grid has problems; the old settings stay (see the incident)' }
      }
    }
    return { changes, applied: true }
  }

  /** Returns the bot's stored record. */
  record(): BotRecord {
    const record = this.deps.journal.getBot(this.config.id)
    if (record === undefined) throw new Error(`bot ${this.config.id} is not in the journal`)
    return record
  }

  private context(): BotContext {
    const { exchange, journal, clock, logger } = this.deps
    return {
      account: this.account,
      trader: this.trader,
      exchange,
      journal,
      clock,
      logger,
      incidents: this.incidents,
      config: () => this.current,
      record: () => this.record(),
      event: (type, level, message, details) => this.event(type, level, message, details),
      tradeBase: (side, quantity, purpose) => {
        const { id: botId, symbol, baseTrades } = this.current
        const { gateway, tracker, rules } = this.account
        return tradeBase({ botId, symbol, exchange, journal, clock, logger, gateway, tracker, rules, retry: retryPolicyOf(this.current) }, { side, quantity, purpose, settings: baseTrades })
      },
      cancelEveryOrder: () =>
        cancelEveryOrder({
          botId: this.current.id, symbol: this.current.symbol, exchange, journal, clock, gateway: this.account.gateway,
          sweeps: this.current.orders.cancelSweeps, pauseMs: this.current.orders.cancelSweepPauseMs
        }),
      syncBackstop: () => this.syncBackstop(),
      reconcile: () => this.reconcile()
    }
  }

  private event(type: string, level: number | null, message: string, details: Readonly<Record<string, string | number>> = {}): void {
    this.deps.journal.appendBotEvent({ botId: this.config.id, type, level, message, detailsJson: JSON.stringify(details), atMs: this.deps.clock.nowMs() })
    this.deps.logger.info(`bot ${this.config.id}: ${message}`, { type })
  }
}

/** What a bot's MARKET BUYs set aside above the price until they fill, as a multiplier. */
function marketBuyHeadroomOf(config: GridBotConfig): Decimal {
  return new Decimal(1).add(new Decimal(config.baseTrades.marketBuyHeadroomPct).div(100))
}

/** A bot's retry policy for its orders, from its configuration. */
function retryPolicyOf(config: GridBotConfig): RetryPolicy {
  const { maxAttempts, baseRetryDelayMs, maxRetryDelayMs, budgetMs, unknownQueryDelaysMs } = config.orders
  return { maxAttempts, baseDelayMs: baseRetryDelayMs, maxDelayMs: maxRetryDelayMs, budgetMs, unknownQueryDelaysMs }
}
