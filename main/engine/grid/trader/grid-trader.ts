import { Decimal } from '@shared/money/decimal'
import { roundToStep } from '@shared/money/step'
import { quantityStep } from '../../exchange/rules/round-order'
import { validateOrder } from '../../exchange/rules/validate-order'
import type { RulesSource } from '../../exchange/rules/rules-source'
import type { Clock } from '../../clock/clock'
import type { Journal } from '../../journal/journal'
import type { FillRecord, IntentPurpose, IntentRecord } from '../../journal/journal-records'
import type { Logger } from '../../logging/logger'
import type { Order } from '../../orders/order'
import type { ExecuteOutcome, OrderGateway } from '../../orders/order-gateway'
import type { RetryPolicy } from '../../orders/retry-policy'
import { buyAllowedAt, type ProtectiveDecision } from '../../market/protective-decision'
import { CLOSED_STATUSES } from '../../orders/order-status'
import type { OrderTracker } from '../../orders/order-tracker'
import type { GridPlan } from '../planner/grid-plan'
import { counterNameOf, orderIdFor, type OrderTag } from './client-order-ids'
import { counterOrderOf, type CounterOrder } from './counter-order'
import { nextPhase, type LevelEvent, type LevelState } from './level-state'

/** The trader's dependencies. */
export interface GridTraderDeps {
  readonly botId: string
  readonly symbol: string
  readonly journal: Journal
  readonly gateway: OrderGateway
  readonly tracker: OrderTracker
  readonly rules: RulesSource
  readonly clock: Clock
  readonly logger: Logger
  /** Called when a fill cannot be hedged: the bot must stop opening exposure and tell the person. */
  readonly onEmergency: (reason: string, details: Readonly<Record<string, string>>) => void
  /** The bot's own retry budget for its orders (the gateway's defaults otherwise). */
  readonly retry?: Partial<RetryPolicy>
  /**
   * Called before a SELL of the grid is sent: frees base the bot's own OCO backstop holds when the
   * SELL needs it; returns what to do once the SELL is sent (place the OCO again for what is left).
   */
  readonly makeRoomToSell?: (quantity: Decimal) => Promise<(() => void) | undefined>
  /** How long a level whose order the exchange cannot take now (outside the price band, market closed) waits before it tries again. */
  readonly waitRecheckMs?: number
}

/** Marks a fill as hedged by dust carried on a level rather than by an order. */
export const DUST_HEDGE_PREFIX = 'dust:'

/** Marks a fill whose counter-order cancelled out against an opposite one on the same level. */
export const NETTED_HEDGE_PREFIX = 'netted:'

/** Marks a fill whose counter SELL became void because the bot's base was sold at market. */
export const SOLD_HEDGE_PREFIX = 'sold:'

/** The note of a SELL obligation a sale sold in part: what sold it, and how much of the obligation was sold in all. */
export function soldNote(note: string, sold: Decimal): string {
  return `${note}: ${sold.toFixed()} of it sold`
}

/** How much of a SELL obligation its note says sales sold before (soldNote's count), zero when it says none. */
export function soldByNote(lastError: string | null | undefined): Decimal {
  const match = lastError?.startsWith(SOLD_HEDGE_PREFIX) === true ? / (\d+(?:\.\d+)?) of it sold$/.exec(lastError) : null
  return match?.[1] === undefined ? new Decimal(0) : new Decimal(match[1])
}

/** Marks a fill that needs no counter-order (acquisition, exit, emergency). */
export const NO_HEDGE_PREFIX = 'none:'

/**
 * Marks a fill of a grid that a re-plan replaced, learnt of only after the new grid was laid out:
 * the new grid was planned without it, so what it traded is held outside the grid.
 */
export const REPLANNED_HEDGE_PREFIX = 'replanned:'

/** Bot state: when the grid now trading was laid out (its levels' orders are the ones written since). */
const GRID_PLANNED_AT = 'gridPlannedAtMs'

/**
 * Runs one bot's grid: places the planned orders, answers every fill of a grid order with its
 * counter-order one level away (a durable intent first, then the order), keeps at most one live
 * order per level (further counter quantity for a busy level waits, and a same-side order is
 * cancelled and replaced by one that carries both), and re-plans a level whose order the exchange
 * ended. When a counter-order cannot be placed within its retry budget the bot enters EMERGENCY.
 * Every level carries a reason a person can read. No recursion: each level is driven by one
 * bounded loop at a time.
 */
export class GridTrader {
  private readonly levels = new Map<number, LevelState>()
  private readonly running = new Map<number, Promise<void>>()
  /** Levels with a later try scheduled (their order waits for the band or the market). */
  private readonly rechecks = new Set<number>()
  private halted: 'no' | 'buys' | 'all' = 'no'
  /** Orders whose cancel for a merge failed and was said once: trying again is not news. */
  private readonly mergeCancelsFailed = new Set<string>()
  /** When the grid now trading was laid out (GRID_PLANNED_AT), read once from the journal. */
  private plannedAtMs: number | undefined
  private protection: (lowestOpenBuy: Decimal | null) => ProtectiveDecision = () => ({ blockNewBuys: false, reason: 'no protective mode' })

  constructor(private readonly deps: GridTraderDeps) {
    deps.tracker.addListener({
      onFill: (fill, intent) => this.onFill(fill, intent),
      onClosed: (order, intent) => this.onClosed(order, intent),
      onPrevented: (order, intent) => this.onPrevented(order, intent)
    })
    // Base an order of a level could not carry after the exchange changed its lot step is owed there still
    deps.gateway.onRemainder(deps.botId, (intent, remainder) => {
      const state = intent.level === null ? undefined : this.levels.get(intent.level)
      if (state === undefined) return
      const field = intent.side === 'SELL' ? 'dustSell' : 'dustBuy'
      this.save({ ...state, [field]: new Decimal(state[field]).add(remainder).toFixed() })
    })
  }

  /** Returns the levels, lowest first. */
  levelStates(): LevelState[] {
    return [...this.levels.values()].sort((a, b) => a.index - b.index)
  }

  /** Stops opening exposure: no new BUY orders from now on (SELLs still hedge), or no orders at all. */
  halt(scope: 'buys' | 'all' = 'buys'): void {
    if (this.halted !== 'all') this.halted = scope
  }

  /**
   * Sets the protective modes' rule for new grid BUYs, given the lowest BUY open at the moment of
   * placing (counter-orders of fills and orders already open are never held back), and drives
   * every level so what the new rule allows is placed.
   */
  async setProtection(decide: (lowestOpenBuy: Decimal | null) => ProtectiveDecision): Promise<void> {
    this.protection = decide
    await this.driveAll()
  }

  /** Lets the grid place orders again (a person resumed the bot). */
  unhalt(): void {
    this.halted = 'no'
  }

  /**
   * Gives every counter-order that failed for good a fresh intent (same level, side and
   * quantity), so a person's resume after an EMERGENCY tries to hedge those fills again.
   */
  retryFailedCounters(): void {
    const { journal } = this.deps
    journal.transaction(() => {
      // Every counter-order that failed for good, whether fills point at it or it came of netting
      // on a level (whose crossed quantity no single fill names)
      const fills = journal.listFills(this.deps.botId)
      for (const failed of journal.listIntents(this.deps.botId, ['failed', 'rejected'])) {
        if (failed.purpose !== 'counter' || failed.level === null || !this.levels.has(failed.level)) continue
        // Fills it answered that something else closed since (a sale, a re-plan) owe it no more
        const answered = fills.filter((fill) => fill.counterIntentId === failed.intentId)
        if (answered.length > 0 && answered.every((fill) => fill.hedgeNote !== null)) continue
        this.tryAgain(failed)
      }
    })
  }

  /**
   * Gives a level order that failed for good a fresh intent on its level (same purpose, side and
   * quantity), moves its fills to it, and ends the failed one as tried again.
   */
  private tryAgain(failed: IntentRecord): void {
    const state = this.level(failed.level as number)
    const fresh = this.createIntent(failed.purpose, state.index, failed.side, new Decimal(state.price), new Decimal(failed.quantity ?? '0'), failed.sourceFillKey)
    this.repointFills(failed.intentId, fresh.intentId)
    this.deps.journal.updateIntent(failed.intentId, { status: 'done', lastError: `tried again as ${fresh.intentId}`, updatedAtMs: this.deps.clock.nowMs() })
    this.save({ ...state, failedIntentId: null, waiting: [...state.waiting, fresh.intentId], reason: `waiting: ${failed.side} ${failed.quantity} tried again` })
  }

  /**
   * Returns the level orders that failed for good and were not tried again (what a deadlock is
   * read from), whatever their level did since: a level that failed a BUY and then took a
   * counter-order still owes that BUY.
   */
  failedPlacements(): IntentRecord[] {
    // Refused for good by the exchange or the pre-send checks is failed too: the level still owes it
    return this.deps.journal
      .listIntents(this.deps.botId, ['failed', 'rejected'])
      .filter((intent) => intent.level !== null && (intent.purpose === 'grid' || intent.purpose === 'counter') && this.levels.has(intent.level))
  }

  /** Gives every failed level a fresh intent for what failed there, and drives the grid. */
  async retryFailedPlacements(): Promise<void> {
    const { journal } = this.deps
    journal.transaction(() => {
      for (const failed of this.failedPlacements()) this.tryAgain(failed)
    })
    await this.driveAll()
  }

  /**
   * `sold` of the bot's base was sold outside the grid (an exit's sell-all, an EMERGENCY sale,
   * flattening): the SELLs that waited to sell it end, up to what was sold and no more — unsent
   * SELLs lowest level first (the one that straddles `sold` keeps its unsold rest, as an order or
   * as dust when that is below the smallest order), then SELLs that failed, then carried SELL
   * dust. What the sale did not sell stays owed. The BUY side stays and refills the SELL side.
   */
  forgetSells(note: string, sold: Decimal): void {
    const { journal, clock } = this.deps
    const rules = this.deps.rules.get(this.deps.symbol)
    let left = sold
    // An obligation ends as sold; when an earlier sale sold a part of it, the note counts the whole
    const end = (intent: { readonly intentId: string; readonly lastError: string | null }, soldNow: Decimal) => {
      const before = soldByNote(intent.lastError)
      this.endObligation(intent.intentId, before.isZero() ? note : soldNote(note, before.add(soldNow)))
    }
    journal.transaction(() => {
      for (const index of [...this.levels.keys()].sort((a, b) => a - b)) {
        let state = this.level(index)
        const active = state.activeIntentId === null ? undefined : journal.getIntent(state.activeIntentId)
        const unsentActive = active !== undefined && active.side === 'SELL' && active.status !== 'placed' && active.status !== 'done' ? [active.intentId] : []
        for (const id of [...unsentActive, ...state.waiting]) {
          const intent = journal.getIntent(id)
          if (intent === undefined || intent.side !== 'SELL' || left.lte(0)) continue
          const quantity = new Decimal(intent.quantity ?? '0')
          const rest = quantity.sub(Decimal.min(quantity, left))
          left = left.sub(quantity.sub(rest))
          // A SELL an earlier sale sold in part says so in its note, and the note keeps counting
          const soldBefore = soldByNote(intent.lastError)
          const keepsOrder = rest.gt(0) && !validateOrder(rules, { side: 'SELL', type: 'LIMIT', price: new Decimal(state.price), quantity: rest }).violations.some((v) => isSizeViolation(v.filter, v.rule))
          if (keepsOrder) {
            journal.updateIntent(id, { quantity: rest.toFixed(), lastError: soldNote(note, soldBefore.add(quantity.sub(rest))), updatedAtMs: clock.nowMs() })
            this.deps.tracker.reload(id)
            continue
          }
          end(intent, quantity.sub(rest))
          const isActive = id === state.activeIntentId
          state = {
            ...state,
            ...(isActive ? { activeIntentId: null, phase: 'empty' as const, reason: `empty: ${note}` } : {}),
            dustSell: new Decimal(state.dustSell).add(rest).toFixed(),
            waiting: state.waiting.filter((waiting) => waiting !== id)
          }
        }
        this.save(state)
      }
      // SELLs that failed for good (their fills were never answered), then carried dust
      const failedSells = this.deps.journal.listIntents(this.deps.botId, ['failed', 'rejected']).filter((intent) => intent.side === 'SELL' && intent.level !== null && this.levels.has(intent.level))
      for (const failed of failedSells) {
        const quantity = new Decimal(failed.quantity ?? '0')
        if (left.lt(quantity)) continue
        left = left.sub(quantity)
        end(failed, quantity)
      }
      for (const index of [...this.levels.keys()].sort((a, b) => a - b)) {
        const state = this.level(index)
        const dust = new Decimal(state.dustSell)
        const taken = Decimal.min(dust, Decimal.max(left, 0))
        if (taken.isZero()) continue
        left = left.sub(taken)
        this.save({ ...state, dustSell: dust.sub(taken).toFixed() })
      }
    })
  }

  /**
   * Ends the counter-orders that wait on the levels (of one side, or all): their intents end and
   * their fills are marked with `note` as closed by what replaced them (a sale, a re-plan).
   * Placed and filled counter-orders are left alone.
   */
  voidObligations(note: string, side?: 'BUY' | 'SELL'): void {
    const { journal } = this.deps
    const voidable = (intent: IntentRecord | undefined) => intent !== undefined && (side === undefined || intent.side === side)
    journal.transaction(() => {
      for (const state of this.levels.values()) {
        const active = state.activeIntentId === null ? undefined : journal.getIntent(state.activeIntentId)
        const activeVoid = active !== undefined && voidable(active) && active.status !== 'placed' && active.status !== 'done'
        const ended = [...state.waiting.filter((id) => voidable(journal.getIntent(id))), ...(activeVoid ? [active.intentId] : [])]
        for (const id of ended) this.endObligation(id, note)
        const cleared = activeVoid ? { activeIntentId: null, phase: 'empty' as const, reason: `empty: ${note}` } : {}
        const dust = side === 'BUY' ? { dustBuy: '0' } : side === 'SELL' ? { dustSell: '0' } : { dustBuy: '0', dustSell: '0' }
        this.save({ ...state, ...cleared, ...dust, waiting: state.waiting.filter((id) => !ended.includes(id)) })
      }
      // Every fill whose counter-order of that side has not filled, a failed one included
      for (const fill of journal.listFills(this.deps.botId)) {
        const counterSide = fill.side === 'BUY' ? 'SELL' : 'BUY'
        if (fill.hedgeNote !== null || (side !== undefined && counterSide !== side)) continue
        const intent = fill.counterIntentId === null ? undefined : journal.getIntent(fill.counterIntentId)
        const counter = fill.counterIntentId === null ? undefined : this.deps.tracker.order(fill.counterIntentId)
        if (counter?.status === 'FILLED' || intent?.status === 'placed') continue
        journal.setFillHedgeNote(fill.symbol, fill.tradeId, note)
      }
    })
  }

  /** Ends an obligation that was never placed: its intent is done with `note`, and the fills it answered are marked with it. */
  private endObligation(intentId: string, note: string): void {
    const { journal, clock } = this.deps
    for (const fill of journal.listFills(this.deps.botId)) {
      if (fill.counterIntentId === intentId) journal.setFillHedgeNote(fill.symbol, fill.tradeId, note)
    }
    journal.updateIntent(intentId, { status: 'done', lastError: note, updatedAtMs: clock.nowMs() })
  }

  /**
   * Holds a level by hand: its order is cancelled and nothing is placed on it until released;
   * counter quantity owed to it waits, visibly, in its reason.
   */
  async holdLevel(index: number): Promise<void> {
    const state = this.level(index)
    this.save({ ...state, held: true, reason: `held by you${state.waiting.length > 0 ? `: ${state.waiting.length} order(s) waiting` : ''}` })
    if (state.activeIntentId !== null) await this.deps.gateway.cancel(state.activeIntentId)
  }

  /** Releases a held level: what waits for it is placed. */
  async releaseLevel(index: number): Promise<void> {
    const state = this.level(index)
    this.save({ ...state, held: false, reason: 'released by you' })
    await this.drive(index)
  }

  /** Lays out the levels of a plan and places its orders (the base the sells need must already be held). */
  async start(plan: GridPlan): Promise<void> {
    const { journal, botId } = this.deps
    journal.transaction(() => {
      // What failed on the old plan's levels is owed by no level of the new one
      for (const failed of journal.listIntents(botId, ['failed', 'rejected'])) {
        if (failed.level !== null) journal.updateIntent(failed.intentId, { status: 'done', lastError: `${failed.lastError ?? 'failed'}; ended by a new plan`, updatedAtMs: this.deps.clock.nowMs() })
      }
      journal.clearLevels(botId)
      this.plannedAtMs = this.deps.clock.nowMs()
      journal.saveBotState(botId, GRID_PLANNED_AT, String(this.plannedAtMs), this.plannedAtMs)
      this.levels.clear()
      for (const level of plan.levels) {
        let state: LevelState = { index: level.index, price: level.price.toFixed(), phase: 'empty', activeIntentId: null, waiting: [], dustSell: '0', dustBuy: '0', reason: 'empty: the level nearest the price' }
        if (level.side !== 'NONE') {
          const intent = this.createIntent('grid', level.index, level.side, level.price, level.quantity, null)
          state = { ...state, waiting: [intent.intentId], reason: `waiting: ${level.side} to place` }
        }
        this.save(state)
      }
    })
    await this.driveAll()
  }

  /** Loads the levels from the journal (after a restart, before reconciliation feeds it fills). */
  load(): void {
    this.levels.clear()
    for (const record of this.deps.journal.listLevels(this.deps.botId)) this.levels.set(record.level, JSON.parse(record.stateJson) as LevelState)
    const plannedAt = this.deps.journal.getBotState(this.deps.botId, GRID_PLANNED_AT)
    this.plannedAtMs = plannedAt === undefined ? undefined : Number(plannedAt)
  }

  /** Hedges what the journal shows unhedged, finishes closed orders' levels, and drives every level (after reconciliation). */
  async resume(): Promise<void> {
    const { journal, botId } = this.deps
    for (const fill of journal.listUnhedgedFills(botId)) {
      const intent = journal.getIntent(fill.clientOrderId)
      if (intent !== undefined) journal.transaction(() => this.onFill(fill, intent))
    }
    for (const state of this.levels.values()) {
      const active = state.activeIntentId === null ? undefined : this.deps.tracker.order(state.activeIntentId)
      if (active !== undefined && CLOSED_STATUSES.has(active.status)) {
        const intent = journal.getIntent(state.activeIntentId as string)
        if (intent !== undefined) this.onClosed(active, intent)
      }
    }
    await this.driveAll()
  }

  /** Drives every level until each is placed or waiting on the exchange. */
  async driveAll(): Promise<void> {
    await Promise.all([...this.levels.keys()].map((index) => this.drive(index)))
  }

  /** Waits for every level's work in progress. */
  async idle(): Promise<void> {
    for (let round = 0; round < 10 && this.running.size > 0; round += 1) await Promise.all([...this.running.values()])
  }

  private onFill(fill: FillRecord, intent: IntentRecord): void {
    if (intent.botId !== this.deps.botId) return
    const { journal } = this.deps
    if (intent.level === null || (intent.purpose !== 'grid' && intent.purpose !== 'counter')) {
      // Acquisition, exit and emergency orders move the position on purpose: nothing to hedge
      journal.setFillHedgeNote(fill.symbol, fill.tradeId, `${NO_HEDGE_PREFIX}${intent.purpose}`)
      return
    }
    // Not loaded yet (a restart restores the account's bots one after another): the fill stays
    // unhedged in the journal, and resume() answers it once the levels are known
    if (this.levels.size === 0) return
    if (this.isOfAReplacedGrid(intent)) {
      // Its level is another price now: a counter-order there would hedge nothing
      const note = `${REPLANNED_HEDGE_PREFIX}traded by the grid before the re-plan; held outside the grid`
      journal.setFillHedgeNote(fill.symbol, fill.tradeId, note)
      this.deps.logger.warn(`bot ${this.deps.botId}: a trade of the grid it replaced (${fill.side} ${fill.quantity} @ ${fill.price}) came in after the new grid was laid out; what it traded is held outside the grid`, { tradeId: fill.tradeId })
      return
    }
    const counter = counterOrderOf(
      { side: fill.side, level: intent.level, quantity: new Decimal(fill.quantity), commission: new Decimal(fill.commission), commissionAsset: fill.commissionAsset },
      this.levels.size,
      this.deps.rules.get(this.deps.symbol)
    )
    if (counter === undefined) {
      this.deps.onEmergency(`a ${fill.side} fill on edge level ${intent.level} has no level to hedge on`, { tradeId: fill.tradeId, level: String(intent.level) })
      return
    }
    const added = this.addCounter(counter, `${fill.symbol}:${fill.tradeId}`)
    if (added === undefined) journal.setFillHedgeNote(fill.symbol, fill.tradeId, `${DUST_HEDGE_PREFIX}${counter.level}`)
    else journal.setFillCounterIntent(fill.symbol, fill.tradeId, added)
  }

  /** Tells whether a level order was written for a grid before the one now trading (a re-plan replaced it). */
  private isOfAReplacedGrid(intent: IntentRecord): boolean {
    return this.plannedAtMs !== undefined && intent.createdAtMs < this.plannedAtMs
  }

  /**
   * Queues a counter-order on its level and returns its intent id; a quantity below the exchange
   * minimum on its own is carried as the level's dust instead (undefined is returned then).
   */
  private addCounter(counter: CounterOrder, sourceFillKey: string | null): string | undefined {
    const rules = this.deps.rules.get(this.deps.symbol)
    const target = this.level(counter.level)
    const dustField = counter.side === 'SELL' ? 'dustSell' : 'dustBuy'
    const total = counter.quantity.add(counter.dust).add(target[dustField])
    const quantity = roundToStep(total, quantityStep(rules, 'LIMIT'), 'down')
    const price = new Decimal(target.price)
    const tooSmall = quantity.isZero() || validateOrder(rules, { side: counter.side, type: 'LIMIT', price, quantity }).violations.some((v) => isSizeViolation(v.filter, v.rule))
    if (tooSmall) {
      // Below the exchange minimum on its own: carried into the level's next order of that side
      this.save({ ...target, [dustField]: total.toFixed(), reason: `${target.reason}; ${total.toFixed()} below the minimum carried` })
      return undefined
    }
    const counterIntent = this.createIntent('counter', counter.level, counter.side, price, quantity, sourceFillKey)
    this.save({ ...target, [dustField]: total.sub(quantity).toFixed(), waiting: [...target.waiting, counterIntent.intentId] })
    this.driveLater(counter.level)
    return counterIntent.intentId
  }

  private onClosed(order: Order, intent: IntentRecord): void {
    if (intent.botId !== this.deps.botId || intent.level === null) return
    const state = this.levels.get(intent.level)
    if (state === undefined || state.activeIntentId !== intent.intentId) return
    const remaining = order.command.quantity.sub(order.filledQuantity)
    if (order.status === 'FILLED' || remaining.isZero()) {
      this.transition(state, 'filled', { activeIntentId: null, reason: 'empty: its order filled' })
    } else if (order.status === 'REJECTED') {
      // A refusal comes back through the gateway, where afterExecute knows what it means for the bot
      return
    } else {
      // Cancelled by us to merge, or ended by the exchange: the unfilled rest is placed again
      const replacement = this.createIntent(intent.purpose, intent.level, intent.side, new Decimal(state.price), remaining, intent.sourceFillKey)
      this.repointFills(intent.intentId, replacement.intentId)
      const why = state.held === true ? `held by you: ${intent.side} ${remaining.toFixed()} waits` : `waiting: re-placing ${remaining.toFixed()} after ${order.status}`
      this.transition(state, 'closed', { activeIntentId: null, waiting: [replacement.intentId, ...state.waiting], reason: why })
    }
    this.driveLater(intent.level)
  }

  /**
   * Self-trade prevention (DECREMENT) took part of a level's open order out of the book: the rest
   * would rest short of what the level owes, so the order is cancelled and, once closed, its whole
   * unfilled quantity is placed again (see onClosed).
   */
  private onPrevented(order: Order, intent: IntentRecord): void {
    if (intent.botId !== this.deps.botId || intent.level === null) return
    const state = this.levels.get(intent.level)
    if (state === undefined || state.activeIntentId !== intent.intentId || state.phase !== 'open') return
    this.transition(state, 'replace', { reason: `replacing: ${order.preventedQuantity.toFixed()} of its order was kept from trading against the account's own order` })
    this.deps.gateway
      .cancel(intent.intentId)
      .then((outcome) => {
        if (outcome.kind === 'failed') this.deps.logger.warn('the cancel of an order self-trade prevention cut short failed; the next reconciliation looks again', { intentId: intent.intentId, reason: outcome.reason })
      })
      .catch((error: unknown) => this.deps.logger.error('an order self-trade prevention cut short could not be cancelled', { intentId: intent.intentId, error: String(error) }))
  }

  /** Drives a level again after `delayMs` of clock time, once (a level already scheduled is not scheduled twice). */
  private recheckLater(index: number, delayMs: number): void {
    if (this.rechecks.has(index)) return
    this.rechecks.add(index)
    this.deps.clock
      .sleep(delayMs)
      .then(() => {
        this.rechecks.delete(index)
        return this.drive(index)
      })
      .catch((error: unknown) => this.deps.logger.error('a grid level could not be driven', { level: index, error: String(error) }))
  }

  /** Drives a level once the current synchronous work (a journal transaction) is over; failures are logged. */
  private driveLater(index: number): void {
    queueMicrotask(() => {
      this.drive(index).catch((error: unknown) => this.deps.logger.error('a grid level could not be driven', { level: index, error: String(error) }))
    })
  }

  /** Runs one level's loop unless it already runs; resolves when the level waits on the exchange. */
  private drive(index: number): Promise<void> {
    const current = this.running.get(index)
    if (current !== undefined) return current.then(() => this.drive(index))
    const run = this.driveOnce(index).finally(() => this.running.delete(index))
    this.running.set(index, run)
    return run
  }

  private async driveOnce(index: number): Promise<void> {
    // Bounded: each pass either places one order, starts one replacement, or stops
    for (let pass = 0; pass < 8; pass += 1) {
      let state = this.level(index)
      if (state.held === true) return
      const unfinished = state.activeIntentId === null ? undefined : this.deps.journal.getIntent(state.activeIntentId)
      if (unfinished?.status === 'placed' && state.phase === 'placing') {
        // Placed, but learnt by reconciliation after a restart rather than from this process's send
        this.transition(state, 'placed', { reason: `open: ${unfinished.side} ${unfinished.quantity} @ ${state.price}` })
        state = this.level(index)
      }
      if (unfinished !== undefined && (unfinished.status === 'pending' || unfinished.status === 'sending' || unfinished.status === 'unknown')) {
        // A placement this process did not finish (a restart, or a retry budget cut short): finish it first
        if (this.isHalted(unfinished.side)) return
        if (this.afterExecute(index, unfinished, await this.deps.gateway.execute(unfinished.intentId, this.deps.retry)) === 'wait') return
        continue
      }
      if (state.waiting.length === 0) return
      if (state.activeIntentId !== null) {
        const active = this.deps.journal.getIntent(state.activeIntentId)
        const live = active === undefined ? undefined : this.deps.tracker.order(active.intentId)
        // An earlier cancel for a merge may have failed: a level still replacing a live order tries again
        const stillLive = live !== undefined && (live.status === 'ACCEPTED' || live.status === 'PARTIALLY_FILLED')
        if (active !== undefined && (state.phase === 'open' || (state.phase === 'replacing' && stillLive))) {
          // One order per level: the open one is cancelled, and its rest joins what waits (same side adds up, the other side nets)
          this.transition(state, 'replace', { reason: 'replacing: combining the open order with new counter quantity' })
          const outcome = await this.deps.gateway.cancel(active.intentId)
          if (outcome.kind === 'failed') {
            const fields = { intentId: active.intentId, reason: outcome.reason }
            if (this.mergeCancelsFailed.has(active.intentId)) this.deps.logger.debug('cancel for a merge failed again', fields)
            else this.deps.logger.warn('cancel for a merge failed; will retry on the next event', fields)
            this.mergeCancelsFailed.add(active.intentId)
          }
        }
        return
      }
      const intentId = this.mergeWaiting(state)
      if (intentId === undefined) continue
      const intent = this.deps.journal.getIntent(intentId) as IntentRecord
      if (this.isHalted(intent.side)) {
        this.save({ ...this.level(index), reason: 'paused: the bot opens no new exposure' })
        return
      }
      if (intent.purpose === 'grid' && intent.side === 'BUY') {
        const decision = this.protection(this.lowestOpenBuy())
        if (!buyAllowedAt(decision, new Decimal(intent.price ?? '0'))) {
          this.save({ ...this.level(index), reason: decision.reason })
          return
        }
      }
      this.transition(this.level(index), 'assign', { activeIntentId: intentId, waiting: this.level(index).waiting.filter((id) => id !== intentId), reason: `placing: ${intent.side} ${intent.quantity}` })
      const afterSell = intent.side === 'SELL' ? await this.deps.makeRoomToSell?.(new Decimal(intent.quantity ?? '0')) : undefined
      const outcome = await this.deps.gateway.execute(intentId, this.deps.retry)
      afterSell?.()
      if (this.afterExecute(index, intent, outcome) === 'wait') return
    }
  }

  private lowestOpenBuy(): Decimal | null {
    let lowest: Decimal | null = null
    for (const order of this.deps.tracker.openOrders(this.deps.botId)) {
      const price = order.command.price
      if (order.command.side === 'BUY' && price !== undefined && (lowest === null || price.lt(lowest))) lowest = price
    }
    return lowest
  }

  private isHalted(side: 'BUY' | 'SELL'): boolean {
    return this.halted === 'all' || (this.halted === 'buys' && side === 'BUY')
  }

  private afterExecute(index: number, intent: IntentRecord, outcome: ExecuteOutcome): 'wait' | undefined {
    const state = this.level(index)
    if (state.activeIntentId !== intent.intentId) return undefined
    if (outcome.kind === 'placed') {
      if (!CLOSED_STATUSES.has(outcome.order.status)) this.transition(state, 'placed', { reason: `open: ${intent.side} ${intent.quantity} @ ${state.price}` })
      return undefined
    }
    if (outcome.kind === 'blocked') {
      // Stopped or paused: the intent stays pending and is placed on resume
      this.save({ ...state, reason: `waiting: ${outcome.reason}` })
      return undefined
    }
    if (outcome.kind === 'waiting') {
      // Not an error: the exchange will take it once the band follows the price or the market trades again
      const recheckMs = this.deps.waitRecheckMs ?? 30_000
      const at = new Date(this.deps.clock.nowMs() + recheckMs).toISOString().slice(11, 19)
      const what = /SYMBOL_STATUS|Market is closed/.test(outcome.reason) ? 'the market is not trading' : 'outside the price band the exchange allows now'
      if (!state.reason.startsWith(`waiting: ${what}`)) this.deps.logger.info(`bot ${this.deps.botId}: level ${index} ${intent.side} ${intent.quantity} @ ${state.price} waits: ${what}`, { reason: outcome.reason })
      this.save({ ...state, reason: `waiting: ${what} (${intent.side} ${intent.quantity} @ ${state.price}); tried again at ${at} UTC` })
      this.recheckLater(index, recheckMs)
      return 'wait'
    }
    this.transition(state, outcome.kind === 'rejected' ? 'rejected' : 'failed', { activeIntentId: null, failedIntentId: intent.intentId, reason: `failed: ${outcome.reason}` })
    if (intent.purpose === 'counter') {
      this.deps.onEmergency(`the counter-order ${intent.intentId} could not be placed: ${outcome.reason}`, {
        intentId: intent.intentId,
        level: String(index),
        side: intent.side,
        quantity: intent.quantity ?? '',
        price: state.price,
        sourceFill: intent.sourceFillKey ?? ''
      })
    }
    return undefined
  }

  /**
   * Turns the waiting intents of a level into one and returns its id: a single intent as it is;
   * several as one intent of their net quantity (BUYs add, SELLs subtract). Opposite obligations
   * on one level cross as if both had filled at the level's price: their fills are marked as
   * netted, and the crossed quantity owes what those two fills would owe — a SELL one level up
   * (for the BUY) and a BUY one level down (for the SELL), so the base the bot keeps stays
   * offered and the quote stays bid. A net too small to place is carried as dust. Returns
   * undefined when nothing is left to place on this level.
   */
  private mergeWaiting(state: LevelState): string | undefined {
    const { journal, clock } = this.deps
    const intents = state.waiting.map((id) => journal.getIntent(id)).filter((intent): intent is IntentRecord => intent !== undefined)
    const [first] = intents
    if (first === undefined) {
      this.save({ ...state, waiting: [] })
      return undefined
    }
    if (intents.length === 1) return first.intentId
    const sideTotal = (side: 'BUY' | 'SELL') => intents.reduce((total, intent) => (intent.side === side ? total.add(intent.quantity ?? '0') : total), new Decimal(0))
    const bought = sideTotal('BUY')
    const sold = sideTotal('SELL')
    const net = bought.sub(sold)
    const crossed = Decimal.min(bought, sold)
    const side = net.isNegative() ? 'SELL' : 'BUY'
    const rules = this.deps.rules.get(this.deps.symbol)
    const price = new Decimal(state.price)
    const quantity = net.abs()
    const tooSmall = quantity.isZero() || validateOrder(rules, { side, type: 'LIMIT', price, quantity }).violations.some((v) => isSizeViolation(v.filter, v.rule))
    let mergedId: string | undefined
    journal.transaction(() => {
      const merged = tooSmall ? undefined : this.createIntent('counter', state.index, side, price, quantity, first.sourceFillKey)
      mergedId = merged?.intentId
      for (const intent of intents) {
        for (const fill of journal.listFills(this.deps.botId)) {
          if (fill.counterIntentId !== intent.intentId) continue
          if (merged !== undefined) journal.setFillCounterIntent(fill.symbol, fill.tradeId, merged.intentId)
          else journal.setFillHedgeNote(fill.symbol, fill.tradeId, quantity.isZero() ? `${NETTED_HEDGE_PREFIX}${state.index}` : `${DUST_HEDGE_PREFIX}${state.index}`)
        }
        journal.updateIntent(intent.intentId, { status: 'done', lastError: merged === undefined ? `netted on level ${state.index}` : `merged into ${merged.intentId}`, updatedAtMs: clock.nowMs() })
      }
      const dustField = side === 'SELL' ? 'dustSell' : 'dustBuy'
      const carried = tooSmall && !quantity.isZero() ? { [dustField]: new Decimal(state[dustField]).add(quantity).toFixed() } : {}
      this.save({ ...state, ...carried, waiting: merged === undefined ? [] : [merged.intentId] })
      if (crossed.gt(0)) {
        for (const crossSide of ['BUY', 'SELL'] as const) {
          const counter = counterOrderOf({ side: crossSide, level: state.index, quantity: crossed, commission: new Decimal(0), commissionAsset: rules.quoteAsset }, this.levels.size, rules)
          if (counter === undefined) {
            this.deps.onEmergency(`a ${crossSide} crossed on edge level ${state.index} has no level to hedge on`, { level: String(state.index), quantity: crossed.toFixed() })
            continue
          }
          this.addCounter(counter, first.sourceFillKey)
        }
      }
    })
    return mergedId
  }

  private repointFills(fromIntentId: string, toIntentId: string): void {
    for (const fill of this.deps.journal.listFills(this.deps.botId)) {
      if (fill.counterIntentId === fromIntentId) this.deps.journal.setFillCounterIntent(fill.symbol, fill.tradeId, toIntentId)
    }
  }

  private createIntent(purpose: IntentPurpose, level: number, side: 'BUY' | 'SELL', price: Decimal, quantity: Decimal, sourceFillKey: string | null): IntentRecord {
    const { journal, botId, symbol, clock } = this.deps
    const tag: OrderTag = { kind: 'level', level, side }
    const intentId = orderIdFor(botId, tag, journal.nextCounter(botId, counterNameOf(tag)))
    const now = clock.nowMs()
    const intent: IntentRecord = {
      intentId,
      botId,
      symbol,
      purpose,
      level,
      side,
      type: 'LIMIT',
      price: price.toFixed(),
      quantity: quantity.toFixed(),
      quoteOrderQty: null,
      status: 'pending',
      attempts: 0,
      lastError: null,
      venueOrderId: null,
      sourceFillKey,
      createdAtMs: now,
      updatedAtMs: now
    }
    journal.createIntent(intent)
    return intent
  }

  private transition(state: LevelState, event: LevelEvent, changes: Partial<LevelState>): void {
    const phase = nextPhase(state.phase, event)
    if (phase === undefined) {
      this.deps.logger.debug('level event ignored', { level: state.index, phase: state.phase, event })
      this.save({ ...state, ...changes, phase: state.phase })
      return
    }
    this.save({ ...state, ...changes, phase })
  }

  private level(index: number): LevelState {
    const state = this.levels.get(index)
    if (state === undefined) throw new Error(`bot ${this.deps.botId} has no level ${index}`)
    return state
  }

  private save(state: LevelState): void {
    this.levels.set(state.index, state)
    this.deps.journal.saveLevel({ botId: this.deps.botId, level: state.index, stateJson: JSON.stringify(state), updatedAtMs: this.deps.clock.nowMs() })
  }
}

function isSizeViolation(filter: string, rule: string): boolean {
  return rule === 'minQty' || rule === 'minNotional' || (filter === 'PARAMETER' && rule === 'positive')
}
