import { Decimal } from '@shared/money/decimal'
import type { AccountEngine } from '../account/account-engine'
import type { Exchange } from '../exchange/port/exchange'
import type { GridPlan } from '../grid/planner/grid-plan'
import { planGrid } from '../grid/planner/plan-grid'
import type { PlanProblem } from '../grid/planner/plan-problem'
import type { GridTrader } from '../grid/trader/grid-trader'
import type { Journal } from '../journal/journal'
import type { BotStatus } from '../journal/journal-records'
import type { BotIncidents } from './bot-incidents'
import { fundedGrid, holdingsCover, type Holdings } from './funded-grid'
import { settingsOf, type GridBotConfig } from './grid-bot-config'
import { recenteredRange } from './recentered-range'
import type { BaseTradeOutcome, BaseTradePurpose } from './trade-base'

/** Timer: when the price left the range (backtests schedule their range checks by it). */
export const OUT_OF_RANGE_SINCE = 'out-of-range-since'
/** Timer: when the grid last recentered, or tried to (the cooldown runs from either). */
export const LAST_RECENTER = 'last-recenter'
/** Timer: a recenter in flight (a restart finishes it). */
export const RECENTERING = 'recentering'

/** What a range check found. */
export type RecenterCheck = 'disabled' | 'not-running' | 'inside' | 'waiting' | 'cooldown' | 'recentered' | 'refused'

/**
 * How a new grid is funded: `value` plans it for the whole holdings valued at the price and
 * trades base to fit (a recenter); `holdings` plans it with the quote and base as they are, buying
 * only the base its SELLs lack (a person's new grid settings).
 */
export type ReplanFunding = 'value' | 'holdings'

/** What re-planning needs of its bot. */
export interface GridReplannerDeps {
  readonly account: AccountEngine
  readonly trader: GridTrader
  readonly exchange: Exchange
  readonly journal: Journal
  readonly incidents: BotIncidents
  /** The bot's configuration now. */
  readonly config: () => GridBotConfig
  /** Makes a configuration the bot's own, in memory and in the journal. */
  readonly adopt: (next: GridBotConfig) => void
  readonly status: () => BotStatus
  readonly event: (type: string, message: string, details?: Readonly<Record<string, string>>) => void
  readonly tradeBase: (side: 'BUY' | 'SELL', quantity: Decimal, purpose: BaseTradePurpose) => Promise<BaseTradeOutcome>
  readonly cancelEveryOrder: () => Promise<unknown>
  readonly syncBackstop: () => Promise<void>
}

/** A plan for new grid and the trade of base that funds it. */
interface Funding {
  readonly plan: GridPlan
  readonly trade: { readonly side: 'BUY' | 'SELL'; readonly quantity: Decimal } | null
  readonly problems: readonly PlanProblem[]
}

/**
 * Moves and re-plans a bot's grid. A recenter follows the price once it stayed outside the range
 * for the confirmation period, no sooner than the cooldown after the last attempt, both measured
 * on the exchange's clock from timers kept in the journal. The new grid is planned for what the
 * bot holds, and is checked before anything is cancelled: a grid the holdings cannot fund leaves
 * the old one trading and opens one incident (logged once per distinct problem), and the next
 * attempt waits for the cooldown.
 */
export class GridReplanner {
  constructor(private readonly deps: GridReplannerDeps) {}

  /**
   * Checks whether the grid must move: the bot running, the price outside the range (by more than
   * the hysteresis) without interruption for the confirmation period, and no attempt within the
   * cooldown, and the market trading (it waits out a BREAK with the grid as it is). Then
   * recenters. Returns what it found.
   */
  async checkRecenter(): Promise<RecenterCheck> {
    const { journal, exchange } = this.deps
    const { id: botId, symbol, recenter, grid } = this.deps.config()
    if (!recenter.enabled) return 'disabled'
    if (this.deps.status() !== 'running') return 'not-running'
    const price = await exchange.lastPrice(symbol)
    const nowMs = await exchange.serverTimeMs()
    const margin = new Decimal(recenter.hysteresisPct).div(100)
    const outside = price.lt(new Decimal(grid.lower).mul(new Decimal(1).sub(margin))) || price.gt(new Decimal(grid.upper).mul(new Decimal(1).add(margin)))
    const since = journal.getTimer(botId, OUT_OF_RANGE_SINCE)
    if (!outside) {
      if (since !== undefined) {
        journal.clearTimer(botId, OUT_OF_RANGE_SINCE)
        this.deps.event('BackInRange', `price ${price.toFixed()} is back in the range ${grid.lower}–${grid.upper}`)
      }
      return 'inside'
    }
    if (since === undefined) {
      journal.setTimer({ botId, name: OUT_OF_RANGE_SINCE, atMs: nowMs })
      this.deps.event('OutOfRange', `price ${price.toFixed()} left the range ${grid.lower}–${grid.upper}; recentering after ${recenter.confirmationMs / 60_000} min outside`)
      return 'waiting'
    }
    if (nowMs - since.atMs < recenter.confirmationMs) return 'waiting'
    const last = journal.getTimer(botId, LAST_RECENTER)
    if (last !== undefined && nowMs - last.atMs < recenter.cooldownMs) return 'cooldown'
    // A recenter cancels the grid and trades base: it waits, the grid untouched, while the market does not trade (a BREAK)
    await this.deps.account.rules.refresh([symbol])
    if (this.deps.account.rules.get(symbol).status !== 'TRADING') return 'waiting'
    return (await this.recenter(price, nowMs)) ? 'recentered' : 'refused'
  }

  /**
   * Moves the grid around the price: the range keeps its width (arithmetic) or ratio (geometric),
   * and the new grid is funded from the bot's whole holdings. A refused recenter counts as an
   * attempt for the cooldown. A crash mid-way finishes it on restart (the timer says so).
   */
  async recenter(price: Decimal, nowMs: number): Promise<boolean> {
    const { journal, account } = this.deps
    const { id: botId, symbol, grid } = this.deps.config()
    journal.setTimer({ botId, name: RECENTERING, atMs: nowMs })
    const { lower, upper } = recenteredRange(new Decimal(grid.lower), new Decimal(grid.upper), price, grid.spacing, account.rules.get(symbol))
    const placed = await this.replan(price, lower, upper, `recentered at ${price.toFixed()}`, 'value')
    journal.transaction(() => {
      journal.setTimer({ botId, name: LAST_RECENTER, atMs: nowMs })
      journal.clearTimer(botId, OUT_OF_RANGE_SINCE)
      journal.clearTimer(botId, RECENTERING)
    })
    if (placed) this.deps.event('Recentered', `recentered around ${price.toFixed()}: range ${grid.lower}–${grid.upper} → ${lower.toFixed()}–${upper.toFixed()}`, { from: `${grid.lower}-${grid.upper}`, to: `${lower.toFixed()}-${upper.toFixed()}` })
    return placed
  }

  /**
   * Plans the grid anew between `lower` and `upper` at the price and places it: planned first,
   * so a grid the holdings cannot fund changes nothing; then the bot's orders are cancelled, the
   * counter-orders still waiting end (the new grid holds the bot's base and quote), the base is
   * traded to fit the plan, and the plan is placed. When the trade fell short, the grid is planned
   * once more for what is held then. Returns whether a grid was placed.
   */
  async replan(price: Decimal, lower: Decimal, upper: Decimal, why: string, funding: ReplanFunding): Promise<boolean> {
    const { account, trader } = this.deps
    const config = this.deps.config()
    const botId = config.id
    const owned = this.holdings()
    if (!owned.quote.add(owned.base.mul(price)).gt(0)) {
      this.refuse(lower, upper, [{ level: null, code: 'BELOW_MIN_NOTIONAL', message: 'the bot holds nothing to trade with' }], 'kept', funding)
      return false
    }
    const first = this.fund(price, lower, upper, funding)
    if (first.problems.length > 0) {
      this.refuse(lower, upper, first.problems, 'kept', funding)
      return false
    }
    trader.halt('all')
    account.gateway.blockBot(botId)
    await account.gateway.quiet()
    await this.deps.cancelEveryOrder()
    // A person may have stopped or paused the bot meanwhile: what they did stands
    if (this.deps.status() !== 'running') return false
    account.gateway.unblockBot(botId)
    trader.voidObligations(why)
    let plan = first.plan
    if (first.trade !== null) await this.trade(first.trade.side, first.trade.quantity, funding === 'value' ? 'rebalance' : 'acquire', `to fund the grid ${lower.toFixed()}–${upper.toFixed()}`)
    // What the bot owns, not what the account shows free: a reservation outlives its fill until the next balances arrive
    if (!holdingsCover(plan, this.holdings())) {
      // The trade fell short or the price moved: plan for what is held now, buying only what the SELLs lack
      const asHeld = this.fund(price, lower, upper, 'holdings')
      if (asHeld.problems.length > 0) {
        this.refuse(lower, upper, asHeld.problems, 'cancelled', funding)
        return false
      }
      if (asHeld.trade !== null) {
        const bought = await this.trade(asHeld.trade.side, asHeld.trade.quantity, 'acquire', `for the SELLs of the grid ${lower.toFixed()}–${upper.toFixed()}`)
        if (bought.shortfall !== null) {
          this.refuse(lower, upper, [{ level: null, code: 'ACQUISITION_NOT_PLACEABLE', message: `buying the base for the SELLs fell short: ${bought.shortfall}` }], 'cancelled', funding)
          return false
        }
      }
      plan = asHeld.plan
    }
    if (this.deps.status() !== 'running') return false
    this.deps.adopt({ ...config, grid: { ...config.grid, lower: lower.toFixed(), upper: upper.toFixed() } })
    trader.unhalt()
    await trader.start(plan)
    await this.deps.syncBackstop()
    if (this.deps.incidents.resolve('replan')) this.deps.event('GridPlaced', `the grid ${lower.toFixed()}–${upper.toFixed()} is placed; the incident about the refused one is resolved`)
    return true
  }

  /** Plans the new grid and the trade that funds it, from what the bot owns now. */
  private fund(price: Decimal, lower: Decimal, upper: Decimal, funding: ReplanFunding): Funding {
    const { account } = this.deps
    const config = this.deps.config()
    const rules = account.rules.get(config.symbol)
    const settings = { ...settingsOf(config, price), lower, upper }
    const owned = this.holdings()
    if (funding === 'value') {
      const byMarket = config.baseTrades.useMarketOrders && rules.orderTypes.includes('MARKET')
      return fundedGrid(rules, settings, owned, new Decimal(config.recenter.valueReservePct), account.rules.exchangeFilters(), byMarket)
    }
    const plan = planGrid(rules, { ...settings, investment: owned.quote, baseHeld: owned.base }, account.rules.exchangeFilters())
    return { plan, trade: plan.acquisition === null ? null : { side: 'BUY', quantity: plan.acquisition.quantity }, problems: plan.problems }
  }

  /** Trades base for the new grid and tells the person what it did, in one event. */
  private async trade(side: 'BUY' | 'SELL', quantity: Decimal, purpose: BaseTradePurpose, why: string): Promise<BaseTradeOutcome> {
    const rules = this.deps.account.rules.get(this.deps.config().symbol)
    const outcome = await this.deps.tradeBase(side, quantity, purpose)
    const how = outcome.method === 'MARKET' ? 'at market' : 'at the touch'
    const average = outcome.filled.isZero() ? '' : ` at ${outcome.filledQuote.div(outcome.filled).toDecimalPlaces(8).toFixed()} on average`
    this.deps.event('BaseTraded', `${side} ${outcome.filled.toFixed()} of ${outcome.wanted.toFixed()} ${rules.baseAsset} ${how}${average} ${why}${outcome.shortfall === null ? '' : `; ${outcome.shortfall}`}`, {
      side,
      wanted: outcome.wanted.toFixed(),
      filled: outcome.filled.toFixed(),
      purpose
    })
    return outcome
  }

  /** Opens the one incident of a refused re-plan; `grid` says whether the old grid still trades. */
  private refuse(lower: Decimal, upper: Decimal, problems: readonly PlanProblem[], grid: 'kept' | 'cancelled', funding: ReplanFunding): void {
    const now = grid === 'kept' ? 'The grid stays as it was' : 'The bot has no grid orders now'
    const next = funding === 'value' ? 'a recenter is tried again after the cooldown, or act yourself' : 'the settings before the change stay'
    const codes = [...new Set(problems.map((problem) => problem.code))].sort().join(',')
    this.deps.incidents.open(
      'replan',
      `the grid ${lower.toFixed()}–${upper.toFixed()} was not placed: ${problems.map((problem) => problem.message).join('; ')}. ${now}; ${next}.`,
      { problems: codes },
      `${grid}:${codes}`
    )
  }

  /** What the bot owns of its symbol's two assets (free and in its orders), never below zero. */
  private holdings(): Holdings {
    const { ledger, rules } = this.deps.account
    const config = this.deps.config()
    const symbolRules = rules.get(config.symbol)
    return { quote: Decimal.max(ledger.owned(config.id, symbolRules.quoteAsset), 0), base: Decimal.max(ledger.owned(config.id, symbolRules.baseAsset), 0) }
  }
}
