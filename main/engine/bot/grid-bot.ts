import { Decimal } from '@shared/money/decimal'
import type { AccountEngine } from '../account/account-engine'
import type { Clock } from '../clock/clock'
import type { Exchange } from '../exchange/port/exchange'
import { counterNameOf, orderIdFor, parseOrderId } from '../grid/trader/client-order-ids'
import { GridTrader, SOLD_HEDGE_PREFIX } from '../grid/trader/grid-trader'
import { planGrid } from '../grid/planner/plan-grid'
import { roundPrice, roundQuantity } from '../exchange/rules/round-order'
import type { Journal } from '../journal/journal'
import type { BotRecord } from '../journal/journal-records'
import type { Logger } from '../logging/logger'
import type { ReconcileReport } from '../reconcile/reconciler'
import type { RetryPolicy } from '../orders/retry-policy'
import { CANDLE_INTERVAL_MS, initialMarketStateMemory, parseMarketStateMemory, protectiveMode, replayMarketState, type MarketStateMemory } from '../market'
import { botHoldings } from './bot-holdings'
import { settingsOf, type GridBotConfig } from './grid-bot-config'
import { recenteredRange } from './recentered-range'
import { parseBotConfig } from '@shared/config/bot-config'
import { classifyConfigChange, type ConfigChange } from '@shared/config/config-change'
import { diagnoseDeadlock, type DeadlockDiagnosis } from './deadlock'
import { missingSymbolSupport } from './symbol-support'
import { describeExit, riskTrigger, type RiskTrigger } from '../risk/risk-trigger'
import { OcoBackstop } from '../risk/oco-backstop'

/** The journal's name for a bot's market-state memory. */
const MARKET_STATE_KEY = 'market-state'
/** Timer: when the price left the range (exported for backtests, which schedule their range checks by it). */
export const OUT_OF_RANGE_SINCE = 'out-of-range-since'
/** Timer: when the grid last recentered, or tried to (the cooldown runs from either). */
export const LAST_RECENTER = 'last-recenter'
/** Timer: a recenter in flight. */
const RECENTERING = 'recentering'
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
 * current price, the base its sells need bought at market, the grid placed), or restored after a
 * restart (its share of the funds rebuilt from the journal, reconciled with the exchange, every
 * unhedged fill answered, unfinished intents finished). An EMERGENCY is persisted, raised as a
 * critical incident, and stops it opening exposure until a person acts.
 */
export class GridBot {
  readonly trader: GridTrader
  /** The exchange-side OCO over the inventory the grid's SELLs do not hold. */
  readonly backstop: OcoBackstop

  private current: GridBotConfig

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
      retry: retryPolicyOf(config),
      waitRecheckMs: config.orders.waitRecheckMs
    })
    // Every send, cancel and query of this bot's orders follows its own configured budget
    account.gateway.setBotPolicy(config.id, retryPolicyOf(config))
    this.backstop = new OcoBackstop({
      account,
      exchange: deps.exchange,
      journal: deps.journal,
      clock: deps.clock,
      logger: deps.logger,
      config: () => this.current,
      event: (type, message, details) => this.event(type, null, message, details)
    })
    // Events may have been missed while the stream was down: the exchange is asked again
    account.onReconnect(() => {
      this.reconcileAndProtect().catch((error: unknown) => deps.logger.error('reconciliation after a reconnect failed', { botId: config.id, error: String(error) }))
    })
  }

  /** Plans and starts a new bot; throws if the plan has problems (nothing is sent then). */
  async create(): Promise<void> {
    const { journal, clock, exchange } = this.deps
    const { id: botId, symbol } = this.config
    const rules = this.account.rules.get(symbol)
    const missing = missingSymbolSupport(this.current, rules)
    if (missing.length > 0) throw new Error(`the configuration needs what ${symbol} does not offer: ${missing.join('; ')}`)
    const plan = planGrid(rules, settingsOf(this.config, await exchange.lastPrice(symbol)), this.account.rules.exchangeFilters())
    if (plan.problems.length > 0) throw new Error(`the plan for ${symbol} has problems: ${plan.problems.map((problem) => problem.message).join('; ')}`)
    const now = clock.nowMs()
    journal.saveBot({ botId, symbol, configJson: JSON.stringify(this.config), status: 'running', createdAtMs: now, updatedAtMs: now })
    this.account.ledger.registerBot(botId, { [rules.quoteAsset]: new Decimal(this.config.grid.investment), [rules.baseAsset]: new Decimal(this.config.grid.baseHeld) })
    if (plan.acquisition !== null) await this.acquire(plan.acquisition.quantity)
    await this.trader.start(plan)
    await this.syncBackstop()
  }

  /** Places, moves or removes the OCO backstop to match the inventory; a failure is logged, the triggers stay armed. */
  async syncBackstop(): Promise<void> {
    await this.backstop.sync().catch((error: unknown) => this.deps.logger.warn('the OCO backstop could not be brought up to date', { botId: this.current.id, error: String(error) }))
  }

  /** Restores a bot after a restart: funds share, reconciliation, then trading resumes (unless stopped). */
  async restore(): Promise<ReconcileReport | undefined> {
    const { journal } = this.deps
    const rules = this.account.rules.get(this.config.symbol)
    const allocation = { [rules.quoteAsset]: new Decimal(this.config.grid.investment), [rules.baseAsset]: new Decimal(this.config.grid.baseHeld) }
    this.account.ledger.registerBot(this.config.id, botHoldings(allocation, rules.baseAsset, rules.quoteAsset, journal.listFills(this.config.id)))
    const record = this.record()
    if (record.status === 'stopped' || record.status === 'paused') {
      this.trader.halt('all')
      this.account.gateway.blockBot(this.config.id)
    }
    if (record.status === 'emergency') this.trader.halt(this.config.emergency.flatten ? 'all' : 'buys')
    this.trader.load()
    const report = await this.reconcile()
    const exiting = this.deps.journal.getTimer(this.current.id, EXITING)
    if (exiting !== undefined) {
      // An exit was cut short by the restart: finish it (cancelling and selling can be done again)
      const stored = JSON.parse(this.deps.journal.getBotState(this.current.id, EXITING) ?? '{}') as { trigger?: RiskTrigger; price?: string }
      this.deps.logger.warn('finishing an exit a restart interrupted', { botId: this.current.id })
      await this.exit(stored.trigger ?? 'stop-loss', new Decimal(stored.price ?? (await this.deps.exchange.lastPrice(this.current.symbol)).toFixed()))
      return report
    }
    if (this.deps.journal.getTimer(this.current.id, RECENTERING) !== undefined) {
      // A recenter was cut short by the restart: finish it (every step of it can be done again)
      this.deps.logger.warn('finishing a recenter a restart interrupted', { botId: this.current.id })
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

  /**
   * EMERGENCY STOP: the bot is persisted as stopped first (a crash mid-way stays stopped), every
   * placement is halted and the gateway refuses the bot's sends; once no send is on the wire every
   * open order of the bot is cancelled — found on the exchange itself, so it works while the
   * stream is down and after a restart — and, if asked, its base is sold at market. Stays stopped
   * until a person resumes it.
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
    if (remaining.length > 0) this.openIncident('emergency-stop', `EMERGENCY STOP could not cancel ${remaining.length} order(s): ${remaining.join(', ')}. Cancel them on the exchange.`, { stillOpen: remaining.join(',') })
    return report
  }

  /** Pauses the bot: no new orders; those on the exchange stay. */
  pause(): void {
    this.trader.halt('all')
    this.account.gateway.blockBot(this.config.id)
    this.deps.journal.saveBot({ ...this.record(), status: 'paused', updatedAtMs: this.deps.clock.nowMs() })
    this.event('Paused', null, 'paused by you: no new orders')
  }

  /**
   * Resumes a paused, stopped or EMERGENCY bot — only ever on a person's explicit command. Open
   * incidents are marked resolved, the bot reconciles, and the grid places what waits.
   */
  async resume(): Promise<void> {
    const { journal, clock } = this.deps
    const record = this.record()
    if (record.status === 'running') return
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

  /** Recenters the grid around the price now, by hand (no confirmation period, no cooldown). */
  async recenterNow(): Promise<boolean> {
    this.event('RecenterRequested', null, 'recenter requested by you')
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
   * Checks whether the grid must move: the price outside the range (by more than the hysteresis)
   * without interruption for the confirmation period, measured on the exchange's clock from a
   * timer kept in the journal (so a restart does not reset it), and no recenter within the
   * cooldown. Then recenters. Returns what it found.
   */
  async checkRecenter(): Promise<'disabled' | 'inside' | 'waiting' | 'cooldown' | 'recentered' | 'refused'> {
    const { journal, exchange } = this.deps
    const { id: botId, symbol, recenter, grid } = this.current
    if (!recenter.enabled) return 'disabled'
    const price = await exchange.lastPrice(symbol)
    const nowMs = await exchange.serverTimeMs()
    const margin = new Decimal(recenter.hysteresisPct).div(100)
    const outside = price.lt(new Decimal(grid.lower).mul(new Decimal(1).sub(margin))) || price.gt(new Decimal(grid.upper).mul(new Decimal(1).add(margin)))
    const since = journal.getTimer(botId, OUT_OF_RANGE_SINCE)
    if (!outside) {
      if (since !== undefined) {
        journal.clearTimer(botId, OUT_OF_RANGE_SINCE)
        this.event('BackInRange', null, `price ${price.toFixed()} is back in the range ${grid.lower}–${grid.upper}`)
      }
      return 'inside'
    }
    if (since === undefined) {
      journal.setTimer({ botId, name: OUT_OF_RANGE_SINCE, atMs: nowMs })
      this.event('OutOfRange', null, `price ${price.toFixed()} left the range ${grid.lower}–${grid.upper}; recentering after ${recenter.confirmationMs / 60_000} min outside`)
      return 'waiting'
    }
    if (nowMs - since.atMs < recenter.confirmationMs) return 'waiting'
    const last = journal.getTimer(botId, LAST_RECENTER)
    if (last !== undefined && nowMs - last.atMs < recenter.cooldownMs) return 'cooldown'
    return (await this.recenter(price, nowMs)) ? 'recentered' : 'refused'
  }

  /**
   * Moves the grid around the price: the range keeps its width (arithmetic) or ratio
   * (geometric); the bot's orders are cancelled, the counter-orders still waiting end (the new
   * grid holds the bot's base and quote as they are now), and the new plan is placed with the
   * bot's current holdings. A plan with problems is not placed: the bot stays halted and says why.
   * One recenter at a time; a crash mid-way finishes it on restart.
   */
  async recenter(price: Decimal, nowMs: number): Promise<boolean> {
    const { journal } = this.deps
    const { id: botId, symbol, grid } = this.current
    journal.setTimer({ botId, name: RECENTERING, atMs: nowMs })
    const rules = this.account.rules.get(symbol)
    const { lower, upper } = recenteredRange(new Decimal(grid.lower), new Decimal(grid.upper), price, grid.spacing, rules)
    const placed = await this.replan(price, lower, upper, `recentered at ${price.toFixed()}`)
    journal.transaction(() => {
      // A refused recenter counts too: the next attempt waits for the cooldown, not the next reading
      journal.setTimer({ botId, name: LAST_RECENTER, atMs: nowMs })
      journal.clearTimer(botId, OUT_OF_RANGE_SINCE)
      journal.clearTimer(botId, RECENTERING)
    })
    if (placed) this.event('Recentered', null, `recentered around ${price.toFixed()}: range ${grid.lower}–${grid.upper} → ${lower.toFixed()}–${upper.toFixed()}`, { from: `${grid.lower}-${grid.upper}`, to: `${lower.toFixed()}-${upper.toFixed()}` })
    return placed
  }

  /**
   * Plans the grid anew between `lower` and `upper` at the price with the bot's current holdings:
   * the bot's orders are cancelled, the counter-orders still waiting end (the new grid holds the
   * bot's base and quote as they are), the base the new sells need is bought, and the plan is
   * placed. A plan with problems is not placed: the bot stays halted and an incident says why.
   */
  private async replan(price: Decimal, lower: Decimal, upper: Decimal, why: string): Promise<boolean> {
    const { journal, clock } = this.deps
    const { id: botId, symbol } = this.current
    this.trader.halt('all')
    this.account.gateway.blockBot(botId)
    await this.account.gateway.quiet()
    await this.cancelEveryOrder()
    this.account.gateway.unblockBot(botId)
    this.trader.voidObligations(why)
    const rules = this.account.rules.get(symbol)
    const ledger = this.account.ledger
    const plan = planGrid(
      rules,
      {
        ...settingsOf(this.current, price),
        lower,
        upper,
        investment: Decimal.max(ledger.owned(botId, rules.quoteAsset), 0),
        baseHeld: Decimal.max(ledger.owned(botId, rules.baseAsset), 0)
      },
      this.account.rules.exchangeFilters()
    )
    if (plan.problems.length > 0) {
      this.openIncident('replan', `the grid ${lower.toFixed()}–${upper.toFixed()} was not placed: ${plan.problems.map((problem) => problem.message).join('; ')}. The bot waits for you.`, {})
      return false
    }
    const next: GridBotConfig = { ...this.current, grid: { ...this.current.grid, lower: lower.toFixed(), upper: upper.toFixed() } }
    journal.saveBot({ ...this.record(), configJson: JSON.stringify(next), updatedAtMs: clock.nowMs() })
    this.current = next
    if (plan.acquisition !== null) await this.acquire(plan.acquisition.quantity)
    this.trader.unhalt()
    await this.trader.start(plan)
    await this.syncBackstop()
    return true
  }

  /**
   * Looks for a deadlock — grid placements that failed because neither side can be funded — and
   * resolves it: the diagnosis is recorded, the bot's value is rebalanced between quote and base
   * in the proportion the two sides need (MARKET where the symbol allows it and the config does,
   * else a LIMIT at the touch re-priced until filled or the attempts are spent), the failed
   * placements are tried again, and a cooldown kept in the journal starts. Bounded throughout.
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
    const traded = diagnosis.rebalance === null ? new Decimal(0) : await this.tradeBase(diagnosis.rebalance.side, diagnosis.rebalance.quantity, 'rebalance', deadlock.useMarketOrders)
    journal.setTimer({ botId, name: DEADLOCK_COOLDOWN, atMs: nowMs })
    this.event('Rebalanced', null, `rebalanced: ${diagnosis.rebalance?.side ?? 'nothing'} ${traded.toFixed()} ${rules.baseAsset}; next check after the cooldown`, { traded: traded.toFixed() })
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
   * Trades `wanted` base on `side`: MARKET where allowed (and wanted), else a LIMIT at the touch
   * re-priced every interval until filled or the attempts are spent. Returns what was filled.
   */
  private async tradeBase(side: 'BUY' | 'SELL', wanted: Decimal, purpose: 'rebalance' | 'exit', preferMarket: boolean): Promise<Decimal> {
    const { journal, clock, exchange } = this.deps
    const { id: botId, symbol, deadlock } = this.current
    const rules = this.account.rules.get(symbol)
    const useMarket = preferMarket && rules.orderTypes.includes('MARKET')
    let filled = new Decimal(0)
    for (let attempt = 1; attempt <= deadlock.rebalanceAttempts; attempt += 1) {
      const quantity = roundQuantity(rules, wanted.sub(filled), useMarket ? 'MARKET' : 'LIMIT')
      if (quantity.isZero()) break
      const price = useMarket ? null : roundPrice(rules, await exchange.lastPrice(symbol), side === 'BUY' ? 'up' : 'down')
      const intentId = orderIdFor(botId, { kind: purpose }, journal.nextCounter(botId, counterNameOf({ kind: purpose })))
      const now = clock.nowMs()
      journal.createIntent({
        intentId, botId, symbol, purpose, level: null, side, type: useMarket ? 'MARKET' : 'LIMIT', price: price?.toFixed() ?? null,
        quantity: quantity.toFixed(), quoteOrderQty: null, status: 'pending', attempts: 0, lastError: null,
        venueOrderId: null, sourceFillKey: null, createdAtMs: now, updatedAtMs: now
      })
      this.event(purpose === 'rebalance' ? 'RebalanceOrder' : 'ExitOrder', null, `${purpose} ${side} ${quantity.toFixed()} ${rules.baseAsset} ${useMarket ? 'at market' : `at ${price?.toFixed()}`} (attempt ${attempt})`)
      const outcome = await this.account.gateway.execute(intentId)
      if (outcome.kind !== 'placed') {
        this.deps.logger.warn(`a ${purpose} order could not be placed`, { intentId, reason: outcome.reason })
        continue
      }
      if (!useMarket && outcome.order.status !== 'FILLED') {
        // A LIMIT at the touch waits one re-price interval, then follows the market
        await clock.sleep(deadlock.repriceIntervalMs)
        const now2 = await this.account.gateway.refresh(intentId)
        if (now2 !== undefined && now2.status !== 'FILLED') await this.account.gateway.cancel(intentId)
      }
      filled = filled.add(this.account.tracker.order(intentId)?.filledQuantity ?? 0)
      if (filled.gte(roundQuantity(rules, wanted, 'LIMIT'))) break
    }
    return filled
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
      if (remaining.length > 0) this.openIncident('exit', `the ${trigger} exit could not cancel ${remaining.join(', ')}. Cancel them on the exchange.`, { stillOpen: remaining.join(',') })
    }
    if (risk.stopOutcome === 'sell-all') {
      const rules = this.account.rules.get(this.current.symbol)
      const owned = Decimal.max(this.account.ledger.owned(botId, rules.baseAsset), 0)
      const sold = await this.tradeBase('SELL', owned, 'exit', true)
      this.trader.forgetSells(`${SOLD_HEDGE_PREFIX}${trigger}`)
      summary += `, ${sold.toFixed()} ${rules.baseAsset} sold`
      const left = roundQuantity(rules, Decimal.max(this.account.ledger.owned(botId, rules.baseAsset), 0), 'LIMIT')
      if (!left.isZero()) this.openIncident('exit', `the ${trigger} exit left ${left.toFixed()} ${rules.baseAsset} unsold. Sell it on the exchange.`, { unsold: left.toFixed() })
    }
    journal.clearTimer(botId, EXITING)
    this.event('Exited', null, `exited after the ${trigger}: ${summary}; the bot stays stopped until you resume it`)
  }

  /**
   * Changes a running bot's configuration by the rules of classifyConfigChange: a new id or
   * symbol is refused (nothing changes); risk, fees, timing and protective settings apply at
   * once; a new grid shape re-plans it around the price with the bot's current holdings (its
   * fills, counter-orders already placed or filled, and funds are kept). Every change is a bot event.
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
    const before = this.current
    this.current = next
    this.account.gateway.setBotPolicy(next.id, retryPolicyOf(next))
    journal.saveBot({ ...this.record(), configJson: JSON.stringify(next), updatedAtMs: clock.nowMs() })
    // The bot's share follows what it is given (its share is its allocation plus its fills)
    const rules = this.account.rules.get(next.symbol)
    this.account.ledger.addToBot(next.id, rules.quoteAsset, new Decimal(next.grid.investment).sub(before.grid.investment))
    this.account.ledger.addToBot(next.id, rules.baseAsset, new Decimal(next.grid.baseHeld).sub(before.grid.baseHeld))
    for (const change of changes) this.event('ConfigChanged', null, `${change.path} changed (${change.effect}): ${change.reason}`, { path: change.path, effect: change.effect })
    if (changes.some((change) => change.effect === 'replan')) {
      const price = await exchange.lastPrice(next.symbol)
      const planned = await this.replan(price, new Decimal(next.grid.lower), new Decimal(next.grid.upper), 'the grid settings changed')
      if (!planned) {
        this.current = before
        this.account.gateway.setBotPolicy(before.id, retryPolicyOf(before))
        this.account.ledger.addToBot(next.id, rules.quoteAsset, new Decimal(before.grid.investment).sub(next.grid.investment))
        this.account.ledger.addToBot(next.id, rules.baseAsset, new Decimal(before.grid.baseHeld).sub(next.grid.baseHeld))
        journal.saveBot({ ...this.record(), configJson: JSON.stringify(before), updatedAtMs: clock.nowMs() })
        return { changes, applied: false, reason: 'the new grid has problems; the old settings stay (see the incident)' }
      }
    }
    return { changes, applied: true }
  }

  /** Cancels every order of the bot the exchange shows open, in a few bounded sweeps; returns what stays open. */
  private async cancelEveryOrder(): Promise<{ readonly cancelled: string[]; readonly remaining: string[] }> {
    const { journal, clock, exchange } = this.deps
    const { id: botId, symbol } = this.current
    const cancelled: string[] = []
    let remaining: string[] = []
    for (let sweep = 0; sweep < 5; sweep += 1) {
      remaining = (await exchange.openOrders(symbol)).map((order) => order.clientOrderId as string).filter((id) => parseOrderId(id)?.botId === botId)
      if (remaining.length === 0) break
      for (const id of remaining) {
        const done = journal.getIntent(id) === undefined ? await this.account.gateway.cancelUntracked(symbol, id) : (await this.account.gateway.cancel(id)).kind !== 'failed'
        if (done) cancelled.push(id)
      }
      if (sweep > 0) await clock.sleep(1_000)
    }
    return { cancelled, remaining }
  }

  /** Returns the bot's stored record. */
  record(): BotRecord {
    const record = this.deps.journal.getBot(this.config.id)
    if (record === undefined) throw new Error(`bot ${this.config.id} is not in the journal`)
    return record
  }

  private async acquire(quantity: Decimal): Promise<void> {
    const { journal, clock } = this.deps
    const { id: botId, symbol } = this.config
    const intentId = orderIdFor(botId, { kind: 'acquire' }, journal.nextCounter(botId, counterNameOf({ kind: 'acquire' })))
    const now = clock.nowMs()
    journal.createIntent({
      intentId, botId, symbol, purpose: 'acquire', level: null, side: 'BUY', type: 'MARKET', price: null,
      quantity: quantity.toFixed(), quoteOrderQty: null, status: 'pending', attempts: 0, lastError: null,
      venueOrderId: null, sourceFillKey: null, createdAtMs: now, updatedAtMs: now
    })
    const outcome = await this.account.gateway.execute(intentId)
    if (outcome.kind !== 'placed') throw new Error(`buying the base for the sells failed: ${outcome.reason}`)
    // A MARKET order is done at once, but its trades may not have reached us yet (a lost event): ask
    const order = outcome.order.status === 'FILLED' ? outcome.order : await this.account.gateway.refresh(intentId)
    if (order?.status !== 'FILLED') throw new Error(`buying the base for the sells ended ${order?.status ?? 'unknown'}, not FILLED`)
  }

  private emergency(reason: string, details: Readonly<Record<string, string>>): void {
    const { journal, clock } = this.deps
    this.trader.halt()
    const record = this.record()
    journal.transaction(() => {
      journal.saveBot({ ...record, status: 'emergency', updatedAtMs: clock.nowMs() })
      this.openIncident('emergency', `EMERGENCY: ${reason.replace(/\.+$/, '')}. The bot opens no new positions until you act.`, details)
    })
    this.event('EmergencyEntered', details['level'] === undefined ? null : Number(details['level']), `EMERGENCY: ${reason}`)
    if (this.config.emergency.flatten) {
      this.trader.halt('all')
      this.flatten().catch((error: unknown) => this.deps.logger.error('flattening after the EMERGENCY failed; act by hand', { botId: this.config.id, error: String(error) }))
    }
  }

  /** Cancels every open order of the bot, then sells the base it owns at market. */
  private async flatten(): Promise<void> {
    for (const order of this.account.tracker.openOrders(this.config.id)) await this.account.gateway.cancel(order.command.clientOrderId)
    const sold = await this.sellBase()
    this.deps.logger.warn(`bot ${this.config.id} flattened after its EMERGENCY: ${sold ?? 'no'} base sold at market`, {})
  }

  /** Sells the base the bot owns at market; returns the quantity sold, or null when there was none to sell or the sale failed. */
  private async sellBase(): Promise<string | null> {
    const { journal, clock } = this.deps
    const { id: botId, symbol } = this.config
    const rules = this.account.rules.get(symbol)
    const quantity = roundQuantity(rules, Decimal.max(this.account.ledger.owned(botId, rules.baseAsset), 0), 'MARKET')
    if (quantity.isZero()) return null
    const intentId = orderIdFor(botId, { kind: 'emergency' }, journal.nextCounter(botId, counterNameOf({ kind: 'emergency' })))
    const now = clock.nowMs()
    journal.createIntent({
      intentId, botId, symbol, purpose: 'emergency', level: null, side: 'SELL', type: 'MARKET', price: null,
      quantity: quantity.toFixed(), quoteOrderQty: null, status: 'pending', attempts: 0, lastError: null,
      venueOrderId: null, sourceFillKey: null, createdAtMs: now, updatedAtMs: now
    })
    const outcome = await this.account.gateway.execute(intentId)
    if (outcome.kind !== 'placed') {
      this.openIncident('sell-base', `selling ${quantity.toFixed()} ${rules.baseAsset} at market failed: ${outcome.reason}. Sell it on the exchange.`, { intentId })
      return null
    }
    // The base the grid's SELLs were to sell is gone: those SELLs are void
    this.trader.forgetSells(`${SOLD_HEDGE_PREFIX}${intentId}`)
    return quantity.toFixed()
  }

  private event(type: string, level: number | null, message: string, details: Readonly<Record<string, string | number>> = {}): void {
    this.deps.journal.appendBotEvent({ botId: this.config.id, type, level, message, detailsJson: JSON.stringify(details), atMs: this.deps.clock.nowMs() })
    this.deps.logger.info(`bot ${this.config.id}: ${message}`, { type })
  }

  private openIncident(kind: string, message: string, details: Readonly<Record<string, string>>): void {
    const { journal, clock } = this.deps
    // An incident of the same kind still open is not opened again: one thing to act on, however often it recurs
    if (journal.listIncidents({ openOnly: true, botId: this.config.id }).some((open) => open.kind === kind)) {
      this.deps.logger.warn(`bot ${this.config.id}: still: ${message}`, details)
      return
    }
    const now = clock.nowMs()
    journal.openIncident({
      incidentId: `${this.config.id}-${now}-${journal.nextCounter(this.config.id, 'incident')}`,
      botId: this.config.id,
      kind,
      severity: 'critical',
      message,
      detailsJson: JSON.stringify(details),
      openedAtMs: now,
      resolvedAtMs: null
    })
    this.deps.logger.error(`bot ${this.config.id}: ${message}`, details)
  }
}

/** A bot's retry policy for its orders, from its configuration. */
function retryPolicyOf(config: GridBotConfig): RetryPolicy {
  const { maxAttempts, baseRetryDelayMs, maxRetryDelayMs, budgetMs, unknownQueryDelaysMs } = config.orders
  return { maxAttempts, baseDelayMs: baseRetryDelayMs, maxDelayMs: maxRetryDelayMs, budgetMs, unknownQueryDelaysMs }
}

/** What an EMERGENCY STOP did. */
export interface EmergencyStopReport {
  /** Client order ids of the orders cancelled. */
  readonly cancelled: readonly string[]
  /** Orders of the bot the exchange still shows open (empty when the stop is complete). */
  readonly stillOpen: readonly string[]
  /** Base sold at market, or null. */
  readonly soldBase: string | null
}
