import { Decimal } from '@shared/money/decimal'
import type { AccountEngine } from '../account/account-engine'
import type { Clock } from '../clock/clock'
import type { Exchange } from '../exchange/port/exchange'
import { GridTrader, SOLD_HEDGE_PREFIX } from '../grid/trader/grid-trader'
import type { GridPlan } from '../grid/planner/grid-plan'
import { planGrid } from '../grid/planner/plan-grid'
import { roundQuantity } from '../exchange/rules/round-order'
import type { Journal } from '../journal/journal'
import type { BotRecord } from '../journal/journal-records'
import type { Logger } from '../logging/logger'
import type { RetryPolicy } from '../orders/retry-policy'
import type { ReconcileReport } from '../reconcile/reconciler'
import { CANDLE_INTERVAL_MS, initialMarketStateMemory, parseMarketStateMemory, protectiveMode, replayMarketState, type MarketStateMemory } from '../market'
import { botHoldings } from './bot-holdings'
import { BotIncidents } from './bot-incidents'
import { cancelEveryOrder } from './cancel-every-order'
import { settingsOf, type GridBotConfig } from './grid-bot-config'
import { GridReplanner, RECENTERING, type RecenterCheck } from './grid-replanner'
import { parseBotConfig } from '@shared/config/bot-config'
import { classifyConfigChange, type ConfigChange } from '@shared/config/config-change'
import { diagnoseDeadlock, type DeadlockDiagnosis } from './deadlock'
import { missingSymbolSupport } from './symbol-support'
import { tradeBase, type BaseTradeOutcome, type BaseTradePurpose } from './trade-base'
import { describeExit, riskTrigger, type RiskTrigger } from '../risk/risk-trigger'
import { OcoBackstop } from '../risk/oco-backstop'

/** The journal's name for a bot's market-state memory. */
const MARKET_STATE_KEY = 'market-state'
/** Timer: a new bot's start in flight; a restart that finds it says the start was cut short. */
const STARTING = 'starting'
/** Timer: an exit after a stop-loss or take-profit is in flight (a restart finishes it). */
const EXITING = 'exiting'
/** Timer: when the last deadlock rebalance happened (its cooldown runs from there). */
const DEADLOCK_COOLDOWN = 'deadlock-cooldown'

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

  private current: GridBotConfig
  private readonly incidents: BotIncidents
  private readonly replanner: GridReplanner

  constructor(
    private readonly account: AccountEngine,
    private readonly deps: GridBotDeps,
    config: GridBotConfig
  ) {
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
      onEmergency: (reason, details) => this.emergency(reason, details),
      retry: retryOf(config)
    })
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
    this.replanner = new GridReplanner({
      account,
      trader: this.trader,
      exchange: deps.exchange,
      journal: deps.journal,
      incidents: this.incidents,
      config: () => this.current,
      adopt: (next) => {
        deps.journal.saveBot({ ...this.record(), configJson: JSON.stringify(next), updatedAtMs: deps.clock.nowMs() })
        this.current = next
      },
      status: () => this.record().status,
      event: (type, message, details) => this.event(type, null, message, details),
      tradeBase: (side, quantity, purpose) => this.tradeBase(side, quantity, purpose),
      cancelEveryOrder: () => this.cancelEveryOrder(),
      syncBackstop: () => this.syncBackstop()
    })
    // Events may have been missed while the stream was down: the exchange is asked again
    account.onReconnect(() => {
      this.reconcile().catch((error: unknown) => deps.logger.error('reconciliation after a reconnect failed', { botId: config.id, error: String(error) }))
    })
  }

  /**
   * Plans and starts a new bot. A configuration the symbol cannot serve or a plan with problems
   * throws before anything is stored or sent; a start that fails after that (the base for the
   * SELLs could not be bought) leaves the bot `failed` with an incident, and throws.
   */
  async create(): Promise<void> {
    const { journal, clock, exchange } = this.deps
    const { id: botId, symbol } = this.config
    const rules = this.account.rules.get(symbol)
    const missing = missingSymbolSupport(this.current, rules)
    if (missing.length > 0) throw new Error(`the configuration needs what ${symbol} does not offer: ${missing.join('; ')}`)
    const plan = planGrid(rules, settingsOf(this.config, await exchange.lastPrice(symbol)), this.account.rules.exchangeFilters())
    if (plan.problems.length > 0) throw new Error(`the plan for ${symbol} has problems: ${plan.problems.map((problem) => problem.message).join('; ')}`)
    const now = clock.nowMs()
    journal.transaction(() => {
      journal.saveBot({ botId, symbol, configJson: JSON.stringify(this.config), status: 'running', createdAtMs: now, updatedAtMs: now })
      // Until its grid is placed, a restart must not take this bot for a running one
      journal.setTimer({ botId, name: STARTING, atMs: now })
    })
    this.account.ledger.registerBot(botId, { [rules.quoteAsset]: new Decimal(this.config.grid.investment), [rules.baseAsset]: new Decimal(this.config.grid.baseHeld) })
    await this.start(plan)
    await this.syncBackstop()
  }

  /** Places, moves or removes the OCO backstop to match the inventory; a failure is logged, the triggers stay armed. */
  async syncBackstop(): Promise<void> {
    await this.backstop.sync().catch((error: unknown) => this.deps.logger.warn('the OCO backstop could not be brought up to date', { botId: this.current.id, error: String(error) }))
  }

  /**
   * Restores a bot after a restart: funds share, reconciliation, then trading resumes (unless
   * stopped). A bot whose start the restart cut short is marked failed, with an incident: a
   * restart never finishes a start on its own.
   */
  async restore(): Promise<ReconcileReport | undefined> {
    const { journal } = this.deps
    const { id: botId } = this.config
    const rules = this.account.rules.get(this.config.symbol)
    const allocation = { [rules.quoteAsset]: new Decimal(this.config.grid.investment), [rules.baseAsset]: new Decimal(this.config.grid.baseHeld) }
    this.account.ledger.registerBot(botId, botHoldings(allocation, rules.baseAsset, rules.quoteAsset, journal.listFills(botId)))
    const record = this.record()
    // A bot stored as running without a grid never finished starting (older versions left no timer)
    const interrupted = record.status === 'running' && (journal.getTimer(botId, STARTING) !== undefined || journal.listLevels(botId).length === 0)
    if (record.status === 'stopped' || record.status === 'paused' || record.status === 'failed' || interrupted) {
      this.trader.halt('all')
      this.account.gateway.blockBot(botId)
    }
    if (record.status === 'emergency') this.trader.halt(this.config.emergency.flatten ? 'all' : 'buys')
    this.trader.load()
    const report = await this.reconcile()
    if (interrupted) {
      await this.failStart('the app stopped before its grid was placed, and a restart does not finish a start on its own')
      return report
    }
    if (record.status === 'failed') return report
    const exiting = journal.getTimer(botId, EXITING)
    if (exiting !== undefined) {
      // An exit was cut short by the restart: finish it (cancelling and selling can be done again)
      const stored = JSON.parse(journal.getBotState(botId, EXITING) ?? '{}') as { trigger?: RiskTrigger; price?: string }
      this.deps.logger.warn('finishing an exit a restart interrupted', { botId })
      await this.exit(stored.trigger ?? 'stop-loss', new Decimal(stored.price ?? (await this.deps.exchange.lastPrice(this.current.symbol)).toFixed()))
      return report
    }
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
      await this.reconcile().catch((error: unknown) => this.deps.logger.error('periodic reconciliation failed', { botId: this.config.id, error: String(error) }))
    }
  }

  /**
   * EMERGENCY STOP: the bot is persisted as stopped first (a crash mid-way stays stopped), every
   * placement is halted and the gateway refuses the bot's sends; once no send is on the wire every
   * open order of the bot is cancelled — found on the exchange itself, so it works while the
   * stream is down and after a restart — and, if asked, its base is sold (MARKET, or a re-priced
   * LIMIT where MARKET is not allowed or turned off). Stays stopped until a person resumes it.
   */
  async emergencyStop(options: { readonly sellBase: boolean }): Promise<EmergencyStopReport> {
    const { journal, clock } = this.deps
    const { id: botId } = this.config
    journal.saveBot({ ...this.record(), status: 'stopped', updatedAtMs: clock.nowMs() })
    this.event('EmergencyStopRequested', null, `EMERGENCY STOP pressed${options.sellBase ? ' (cancel all and sell base)' : ' (cancel all)'}`)
    this.trader.halt('all')
    this.account.gateway.blockBot(botId)
    await this.account.gateway.quiet()
    // Bounded: a few sweeps, each over what the exchange itself still shows open
    const { cancelled, remaining } = await this.cancelEveryOrder()
    let sold: string | null = null
    if (options.sellBase && remaining.length === 0) sold = await this.sellBase()
    const report: EmergencyStopReport = { cancelled, stillOpen: remaining, soldBase: sold }
    const message = remaining.length === 0 ? `stopped: ${cancelled.length} order(s) cancelled${sold === null ? '' : `, ${sold} base sold`}` : `stop incomplete: ${remaining.length} order(s) still open`
    this.event('EmergencyStopped', null, message, { cancelled: cancelled.length, stillOpen: remaining.join(','), soldBase: sold ?? '' })
    if (remaining.length > 0) this.incidents.open('emergency-stop', `EMERGENCY STOP could not cancel ${remaining.length} order(s): ${remaining.join(', ')}. Cancel them on the exchange.`, { stillOpen: remaining.join(',') })
    return report
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
    if (record.status === 'failed' || journal.listLevels(this.config.id).length === 0) return this.startAgain(record)
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
   */
  async checkDeadlock(): Promise<'none' | 'cooldown' | 'rebalanced'> {
    const { journal, exchange } = this.deps
    const { id: botId, symbol, deadlock } = this.current
    const nowMs = await exchange.serverTimeMs()
    const cooldown = journal.getTimer(botId, DEADLOCK_COOLDOWN)
    if (cooldown !== undefined && nowMs - cooldown.atMs < deadlock.cooldownMs) return 'cooldown'
    const diagnosis = await this.diagnoseDeadlock()
    if (diagnosis === undefined) return 'none'
    const rules = this.account.rules.get(symbol)
    this.event('DeadlockFound', null, diagnosis.message)
    const traded = diagnosis.rebalance === null ? undefined : await this.tradeBase(diagnosis.rebalance.side, diagnosis.rebalance.quantity, 'rebalance')
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

  /**
   * Exits after a trigger: the bot is persisted as stopped (with a timer marking the exit in
   * flight, so a crash finishes it on restart), the grid is halted and its sends refused, then
   * per the outcome: 'keep' leaves the orders on the exchange, 'cancel' cancels them, 'sell-all'
   * also sells all the bot's base (MARKET, or a re-priced LIMIT where MARKET is not allowed).
   */
  async exit(trigger: RiskTrigger, price: Decimal): Promise<void> {
    const { journal, clock } = this.deps
    const { id: botId, risk } = this.current
    journal.transaction(() => {
      journal.saveBot({ ...this.record(), status: 'stopped', updatedAtMs: clock.nowMs() })
      journal.setTimer({ botId, name: EXITING, atMs: clock.nowMs() })
      journal.saveBotState(botId, EXITING, JSON.stringify({ trigger, price: price.toFixed() }), clock.nowMs())
    })
    this.event(trigger === 'stop-loss' ? 'StopLossTriggered' : 'TakeProfitTriggered', null, describeExit(trigger, price, risk), { trigger, price: price.toFixed(), outcome: risk.stopOutcome })
    this.trader.halt('all')
    this.account.gateway.blockBot(botId)
    await this.account.gateway.quiet()
    let summary = 'orders left on the exchange'
    if (risk.stopOutcome !== 'keep') {
      const { cancelled, remaining } = await this.cancelEveryOrder()
      summary = `${cancelled.length} order(s) cancelled`
      if (remaining.length > 0) this.incidents.open('exit', `the ${trigger} exit could not cancel ${remaining.join(', ')}. Cancel them on the exchange.`, { stillOpen: remaining.join(',') })
    }
    if (risk.stopOutcome === 'sell-all') {
      const rules = this.account.rules.get(this.current.symbol)
      const owned = Decimal.max(this.account.ledger.owned(botId, rules.baseAsset), 0)
      const sold = await this.tradeBase('SELL', owned, 'exit')
      this.trader.forgetSells(`${SOLD_HEDGE_PREFIX}${trigger}`)
      summary += `, ${sold.filled.toFixed()} ${rules.baseAsset} sold`
      const left = roundQuantity(rules, Decimal.max(this.account.ledger.owned(botId, rules.baseAsset), 0), 'LIMIT')
      if (!left.isZero()) this.incidents.open('exit', `the ${trigger} exit left ${left.toFixed()} ${rules.baseAsset} unsold${sold.shortfall === null ? '' : ` (${sold.shortfall})`}. Sell it on the exchange.`, { unsold: left.toFixed() })
    }
    journal.clearTimer(botId, EXITING)
    this.event('Exited', null, `exited after the ${trigger}: ${summary}; the bot stays stopped until you resume it`)
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

  /**
   * Buys the base the plan's SELLs need and places the plan. A start that fails leaves the bot
   * failed and says why (see failStart), then throws.
   */
  private async start(plan: GridPlan): Promise<void> {
    const { id: botId, symbol } = this.current
    let failure: string
    try {
      const bought = plan.acquisition === null ? undefined : await this.tradeBase('BUY', plan.acquisition.quantity, 'acquire')
      if (bought?.shortfall == null) {
        await this.trader.start(plan)
        this.deps.journal.clearTimer(botId, STARTING)
        return
      }
      const rules = this.account.rules.get(symbol)
      failure = `buying ${bought.wanted.toFixed()} ${rules.baseAsset} for the SELLs fell short: ${bought.shortfall}`
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error)
    }
    await this.failStart(failure)
    throw new Error(`bot ${botId} did not start: ${failure}`)
  }

  /**
   * Ends a start that failed: nothing more is sent, the bot's orders are cancelled, what waited to
   * be placed is dropped, and the bot is persisted as failed with an incident saying why, what it
   * bought before (it keeps it, in its share), and that resuming it tries the start again.
   */
  private async failStart(reason: string): Promise<void> {
    const { journal, clock } = this.deps
    const { id: botId, symbol } = this.current
    const rules = this.account.rules.get(symbol)
    this.trader.halt('all')
    this.account.gateway.blockBot(botId)
    await this.account.gateway.quiet()
    const { remaining } = await this.cancelEveryOrder()
    const bought = journal
      .listFills(botId)
      .filter((fill) => journal.getIntent(fill.clientOrderId)?.purpose === 'acquire')
      .reduce((total, fill) => total.add(fill.side === 'BUY' ? fill.quantity : new Decimal(fill.quantity).neg()), new Decimal(0))
    const now = clock.nowMs()
    journal.transaction(() => {
      // What waited to be placed is not placed: the start is over
      for (const intent of journal.listIntents(botId, ['pending'])) journal.updateIntent(intent.intentId, { status: 'failed', lastError: 'the bot did not start', updatedAtMs: now })
      journal.clearLevels(botId)
      journal.saveBot({ ...this.record(), status: 'failed', updatedAtMs: now })
      journal.clearTimer(botId, STARTING)
    })
    this.trader.load()
    const kept = bought.isZero() ? 'Nothing was bought' : `It bought ${bought.toFixed()} ${rules.baseAsset} first, which it keeps`
    const open = remaining.length === 0 ? 'no order of it is open' : `${remaining.join(', ')} could not be cancelled: cancel them on the exchange`
    this.incidents.open('start', `the bot did not start: ${reason}. ${kept}; ${open}. Resume it to try the start again.`, { bought: bought.toFixed(), stillOpen: remaining.join(',') })
    this.event('StartFailed', null, `did not start: ${reason}`)
  }

  /** Starts a bot that never placed its grid again, on a person's command: planned at the price with what it holds now. */
  private async startAgain(record: BotRecord): Promise<void> {
    const { journal, clock, exchange } = this.deps
    const { id: botId, symbol } = this.current
    const now = clock.nowMs()
    journal.transaction(() => {
      journal.saveBot({ ...record, status: 'running', updatedAtMs: now })
      journal.setTimer({ botId, name: STARTING, atMs: now })
      for (const incident of journal.listIncidents({ openOnly: true, botId })) journal.resolveIncident(incident.incidentId, now)
    })
    this.event('Resumed', null, `resumed by you (was ${record.status}): starting again`)
    this.account.gateway.unblockBot(botId)
    this.trader.unhalt()
    await this.reconcile()
    const rules = this.account.rules.get(symbol)
    const price = await exchange.lastPrice(symbol)
    const ledger = this.account.ledger
    const held = { investment: Decimal.max(ledger.owned(botId, rules.quoteAsset), 0), baseHeld: Decimal.max(ledger.owned(botId, rules.baseAsset), 0) }
    const plan = planGrid(rules, { ...settingsOf(this.current, price), ...held }, this.account.rules.exchangeFilters())
    if (plan.problems.length > 0) {
      const reason = `the plan at ${price.toFixed()} has problems: ${plan.problems.map((problem) => problem.message).join('; ')}`
      await this.failStart(reason)
      throw new Error(`bot ${botId} did not start: ${reason}`)
    }
    await this.start(plan)
    await this.syncBackstop()
  }

  /** Trades base outside the grid with the bot's settings (see tradeBase). */
  private tradeBase(side: 'BUY' | 'SELL', quantity: Decimal, purpose: BaseTradePurpose): Promise<BaseTradeOutcome> {
    const { exchange, journal, clock, logger } = this.deps
    const { id: botId, symbol, baseTrades } = this.current
    const { gateway, tracker, rules } = this.account
    return tradeBase({ botId, symbol, exchange, journal, clock, logger, gateway, tracker, rules, retry: retryOf(this.current) }, { side, quantity, purpose, settings: baseTrades })
  }

  /** Cancels every order of the bot the exchange shows open, in a few bounded sweeps; returns what stays open. */
  private cancelEveryOrder(): Promise<{ readonly cancelled: string[]; readonly remaining: string[] }> {
    const { journal, clock, exchange } = this.deps
    return cancelEveryOrder({ botId: this.current.id, symbol: this.current.symbol, exchange, journal, clock, gateway: this.account.gateway })
  }

  private emergency(reason: string, details: Readonly<Record<string, string>>): void {
    const { journal, clock } = this.deps
    this.trader.halt()
    const record = this.record()
    journal.transaction(() => {
      journal.saveBot({ ...record, status: 'emergency', updatedAtMs: clock.nowMs() })
      this.incidents.open('emergency', `EMERGENCY: ${reason.replace(/\.+$/, '')}. The bot opens no new positions until you act.`, details)
    })
    this.event('EmergencyEntered', details['level'] === undefined ? null : Number(details['level']), `EMERGENCY: ${reason}`)
    if (this.config.emergency.flatten) {
      this.trader.halt('all')
      this.flatten().catch((error: unknown) => this.deps.logger.error('flattening after the EMERGENCY failed; act by hand', { botId: this.config.id, error: String(error) }))
    }
  }

  /** Cancels every open order of the bot, then sells the base it owns. */
  private async flatten(): Promise<void> {
    for (const order of this.account.tracker.openOrders(this.config.id)) await this.account.gateway.cancel(order.command.clientOrderId)
    const sold = await this.sellBase()
    this.deps.logger.warn(`bot ${this.config.id} flattened after its EMERGENCY: ${sold ?? 'no'} base sold`, {})
  }

  /**
   * Sells the base the bot owns through a bounded base trade; returns the quantity sold, or null
   * when there was none to sell or nothing sold. What stays unsold is an incident.
   */
  private async sellBase(): Promise<string | null> {
    const { id: botId, symbol } = this.config
    const rules = this.account.rules.get(symbol)
    const quantity = roundQuantity(rules, Decimal.max(this.account.ledger.owned(botId, rules.baseAsset), 0), 'LIMIT')
    if (quantity.isZero()) return null
    const sold = await this.tradeBase('SELL', quantity, 'emergency')
    if (sold.filled.isZero()) {
      this.incidents.open('sell-base', `selling ${quantity.toFixed()} ${rules.baseAsset} failed: ${sold.shortfall ?? 'nothing filled'}. Sell it on the exchange.`, { orders: sold.orders.join(',') })
      return null
    }
    // The base the grid's SELLs were to sell is gone: those SELLs are void
    this.trader.forgetSells(`${SOLD_HEDGE_PREFIX}${sold.orders[0] ?? 'sale'}`)
    if (sold.shortfall !== null) this.incidents.open('sell-base', `selling ${quantity.toFixed()} ${rules.baseAsset} left ${sold.unfilled.toFixed()} unsold: ${sold.shortfall}. Sell it on the exchange.`, { orders: sold.orders.join(',') })
    return sold.filled.toFixed()
  }

  private event(type: string, level: number | null, message: string, details: Readonly<Record<string, string | number>> = {}): void {
    this.deps.journal.appendBotEvent({ botId: this.config.id, type, level, message, detailsJson: JSON.stringify(details), atMs: this.deps.clock.nowMs() })
    this.deps.logger.info(`bot ${this.config.id}: ${message}`, { type })
  }
}

/** Returns the retry budget a bot's configuration gives each of its orders. */
function retryOf(config: GridBotConfig): Partial<RetryPolicy> {
  return { maxAttempts: config.orders.maxAttempts, baseDelayMs: config.orders.baseRetryDelayMs, maxDelayMs: config.orders.maxRetryDelayMs, budgetMs: config.orders.budgetMs }
}

/** What an EMERGENCY STOP did. */
export interface EmergencyStopReport {
  /** Client order ids of the orders cancelled. */
  readonly cancelled: readonly string[]
  /** Orders of the bot the exchange still shows open (empty when the stop is complete). */
  readonly stillOpen: readonly string[]
  /** Base sold, or null. */
  readonly soldBase: string | null
}
