import { Decimal } from '@shared/money/decimal'
import { isExchangeRejectedError } from '../exchange/errors/exchange-rejected-error'
import { isExchangeRetryableError } from '../exchange/errors/exchange-retryable-error'
import { isOrderNotFoundError } from '../exchange/errors/order-not-found-error'
import { isOutcomeUnknownError } from '../exchange/errors/outcome-unknown-error'
import type { Exchange } from '../exchange/port/exchange'
import { clientOrderId, tradeId, venueOrderId as toVenueOrderId, type TradeId } from '../exchange/port/identifiers'
import type { NewOrder } from '../exchange/port/new-order'
import type { OrderStatusReport } from '../exchange/port/order-report'
import { validateOrder } from '../exchange/rules/validate-order'
import { validateOrderList } from '../exchange/rules/validate-order-list'
import type { RulesSource } from '../exchange/rules/rules-source'
import { MARKET_PRICED_TYPES, type OrderContext } from '../exchange/rules/order-request'
import { CLOSED_STATUSES } from './order-status'
import type { OrderType, SymbolRules } from '../exchange/rules/symbol-rules'
import type { FilterViolation } from '../exchange/rules/filter-violation'
import { roundPrice, roundQuantity } from '../exchange/rules/round-order'
import type { Clock } from '../clock/clock'
import type { FundsLedger } from '../funds/funds-ledger'
import { describeInsufficientFunds } from '../funds/insufficient-funds'
import type { Journal } from '../journal/journal'
import type { IntentRecord } from '../journal/journal-records'
import type { Logger } from '../logging/logger'
import type { AsyncLock } from './async-lock'
import { fundsNeeded } from './funds-needed'
import type { Order } from './order'
import type { OrderTracker } from './order-tracker'
import { backoffDelayMs, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy'

/** How an intent's execution ended. */
export type ExecuteOutcome =
  | { readonly kind: 'placed'; readonly order: Order }
  /** The exchange or the rules refused the order for good; nothing is on the exchange. */
  | { readonly kind: 'rejected'; readonly reason: string }
  /** The retry budget is spent; the intent is marked failed (or still unknown if its outcome is). */
  | { readonly kind: 'failed'; readonly reason: string }
  /** The bot is stopped or paused: nothing was sent, and the intent waits, pending, for a resume. */
  | { readonly kind: 'blocked'; readonly reason: string }
  /**
   * The exchange cannot take the order now, but may soon: its price is outside the band the
   * average price allows (PERCENT_PRICE(_BY_SIDE), after a gap), or the market is not trading
   * (BREAK). Nothing was sent or reserved; the intent stays pending, to be tried again later.
   */
  | { readonly kind: 'waiting'; readonly reason: string }

/** How a cancel ended. */
export type CancelOutcome =
  /** The order is closed now (cancelled, or it had filled or expired first). */
  | { readonly kind: 'closed'; readonly order: Order }
  /** The exchange has no such order. */
  | { readonly kind: 'not-found' }
  | { readonly kind: 'failed'; readonly reason: string }

/** The gateway's dependencies. */
export interface OrderGatewayDeps {
  readonly exchange: Exchange
  readonly journal: Journal
  readonly ledger: FundsLedger
  readonly tracker: OrderTracker
  readonly rules: RulesSource
  readonly clock: Clock
  readonly logger: Logger
  /** The account's lock, shared by everything that spends the account's funds. */
  readonly lock: AsyncLock
  /** Random numbers in [0, 1) for backoff jitter (seeded in tests). */
  readonly random: () => number
  readonly policy?: RetryPolicy
}

type Attempt =
  | { readonly kind: 'sent'; readonly report: OrderStatusReport }
  | { readonly kind: 'blocked' }
  | { readonly kind: 'invalid'; readonly reason: string; readonly violations: readonly FilterViolation[] }
  | { readonly kind: 'wait'; readonly reason: string }
  | { readonly kind: 'withdrawn' }
  | { readonly kind: 'short'; readonly reason: string }
  | { readonly kind: 'error'; readonly error: unknown }

/**
 * The only code that places and cancels orders. For each intent (already durable in the journal)
 * it validates against the symbol's rules, reserves funds in the shared ledger under the
 * account's lock, marks the intent as sending, and sends; then handles the answer by its kind:
 * a refusal by its cause (-1013 refreshes the rules and re-validates once; an insufficient
 * balance re-reads the account before trying again; a duplicate id means the order is there),
 * a retryable error after the wait it asks for, and an unknown outcome by querying the client
 * order id — never by resending blindly. Every loop is bounded by the retry policy.
 */
export class OrderGateway {
  private readonly policy: RetryPolicy
  private readonly blocked = new Set<string>()
  private readonly botPolicies = new Map<string, RetryPolicy>()
  private readonly botHeadrooms = new Map<string, Decimal>()
  private readonly remainderSinks = new Map<string, (intent: IntentRecord, remainder: Decimal) => void>()

  constructor(private readonly deps: OrderGatewayDeps) {
    this.policy = deps.policy ?? DEFAULT_RETRY_POLICY
  }

  /**
   * Sets the retry policy of a bot's orders (its configuration's; calls may still override parts
   * of it), and what its MARKET BUYs set aside above the price until they fill (a multiplier).
   */
  setBotPolicy(botId: string, policy: RetryPolicy, marketBuyHeadroom?: Decimal): void {
    this.botPolicies.set(botId, policy)
    if (marketBuyHeadroom !== undefined) this.botHeadrooms.set(botId, marketBuyHeadroom)
  }

  /**
   * Tells where a bot keeps base an order could not carry (the part of a quantity below a lot
   * step the exchange changed): the bot's grid carries it as dust on the order's level.
   */
  onRemainder(botId: string, sink: (intent: IntentRecord, remainder: Decimal) => void): void {
    this.remainderSinks.set(botId, sink)
  }

  /** The policy an intent's order follows: the bot's own, else the account's, with `override` on top. */
  private policyOf(intent: IntentRecord, override: Partial<RetryPolicy> = {}): RetryPolicy {
    return { ...(this.botPolicies.get(intent.botId) ?? this.policy), ...override }
  }

  /**
   * Stops sending new orders for a bot (an emergency stop or a pause); exit and emergency orders
   * still go. A send already on the wire finishes: `quiet()` waits for it.
   */
  blockBot(botId: string): void {
    this.blocked.add(botId)
  }

  /** Lets a bot's orders be sent again. */
  unblockBot(botId: string): void {
    this.blocked.delete(botId)
  }

  /** Resolves once no send is in progress on the account (it takes and releases the account's lock). */
  async quiet(): Promise<void> {
    await this.deps.lock.run(async () => undefined)
  }

  /** Gets an intent's order onto the exchange, or says why it could not. */
  async execute(intentId: string, override: Partial<RetryPolicy> = {}): Promise<ExecuteOutcome> {
    const policy = this.policyOf(this.intent(intentId), override)
    const { journal, clock, logger } = this.deps
    const startedMs = clock.nowMs()
    let rulesRefreshed = false
    let rerounded = false
    let lastReason = 'not attempted'
    for (let attempt = 1; attempt <= policy.maxAttempts; attempt += 1) {
      const intent = this.intent(intentId)
      const settled = this.settledOutcome(intent)
      if (settled !== undefined) return settled
      if (this.isBlocked(intent)) return { kind: 'blocked', reason: `bot ${intent.botId} is stopped` }
      if (intent.status === 'sending' || intent.status === 'unknown') {
        const found = await this.resolveUnknown(intent, policy)
        if (found === 'unresolved') {
          // The queries went unanswered (a timeout, a burst of -1021): ask again after a backoff, within the budget, never resend
          lastReason = 'the outcome of an earlier send is still unknown'
          const waitMs = backoffDelayMs(policy, attempt, this.deps.random)
          if (attempt === policy.maxAttempts || clock.nowMs() - startedMs + waitMs > policy.budgetMs) break
          await clock.sleep(waitMs)
          continue
        }
        if (found !== 'not-placed') return this.placed(found)
      }
      const step = await this.deps.lock.run(() => this.attemptOnce(intentId))
      if (step.kind === 'sent') return this.placed(step.report)
      if (step.kind === 'blocked') return { kind: 'blocked', reason: `bot ${intent.botId} is stopped` }
      if (step.kind === 'withdrawn') return { kind: 'failed', reason: this.intent(intentId).lastError ?? 'withdrawn before it was sent' }
      if (step.kind === 'wait') {
        // The rules may say more (a symbol back from BREAK) than those in memory: once, then wait
        if (!rulesRefreshed) {
          rulesRefreshed = true
          await this.deps.rules.refresh([intent.symbol])
          attempt -= 1
          continue
        }
        return this.waiting(intentId, step.reason)
      }
      if (step.kind === 'invalid') {
        if (!rulesRefreshed) {
          rulesRefreshed = true
          await this.deps.rules.refresh([intent.symbol])
          attempt -= 1
          continue
        }
        // The symbol's tick or lot step changed since the order was priced: put it on the new ones, once
        if (!rerounded && this.reround(intentId, step.violations)) {
          rerounded = true
          attempt -= 1
          continue
        }
        return this.reject(intentId, step.reason)
      }
      let requiredWaitMs = 0
      if (step.kind === 'short') {
        lastReason = step.reason
      } else {
        const handled = await this.handleSendError(intentId, step.error, rulesRefreshed)
        if (handled.kind === 'done') return handled.outcome
        if (handled.kind === 'rules-refreshed') rulesRefreshed = true
        lastReason = handled.reason
        if (handled.waitMs !== undefined && clock.nowMs() - startedMs + handled.waitMs <= policy.budgetMs) {
          await clock.sleep(handled.waitMs)
          continue
        }
        // A wait the exchange asked for (Retry-After) is a floor: a shorter backoff would resend too early
        requiredWaitMs = handled.waitMs ?? 0
      }
      journal.updateIntent(intentId, { lastError: lastReason, updatedAtMs: clock.nowMs() })
      const waitMs = Math.max(requiredWaitMs, backoffDelayMs(policy, attempt, this.deps.random))
      if (attempt === policy.maxAttempts || clock.nowMs() - startedMs + waitMs > policy.budgetMs) break
      logger.debug('order attempt failed; retrying', { intentId, attempt, waitMs, reason: lastReason })
      await clock.sleep(waitMs)
    }
    // The last send's outcome may still be unknown: a query is no send, so ask once more before giving up
    const last = this.intent(intentId)
    if (last.status === 'unknown' || last.status === 'sending') {
      const found = await this.resolveUnknown(last, policy)
      if (found !== 'not-placed' && found !== 'unresolved') return this.placed(found)
    }
    return this.fail(intentId, lastReason)
  }

  /** Cancels one of our orders and reports how it ended (it may have filled first). */
  async cancel(intentId: string, override: Partial<RetryPolicy> = {}): Promise<CancelOutcome> {
    const intent = this.intent(intentId)
    const policy = this.policyOf(intent, override)
    const ref = { symbol: intent.symbol, clientOrderId: clientOrderId(intentId) }
    let lastReason = 'not attempted'
    for (let attempt = 1; attempt <= policy.maxAttempts; attempt += 1) {
      try {
        const report = await this.deps.exchange.cancelOrder(ref)
        return { kind: 'closed', order: await this.track(report) }
      } catch (error) {
        if (isOrderNotFoundError(error) || isOutcomeUnknownError(error)) {
          // Already gone (filled, expired) or maybe cancelled: the order itself says which
          const report = await this.query(intent)
          if (report === 'not-found') {
            // One the exchange had taken and now does not know is over: its level plans again
            const forgotten = await this.forget(intentId, true)
            return forgotten === undefined ? { kind: 'not-found' } : { kind: 'closed', order: forgotten }
          }
          if (report !== 'unresolved') {
            const order = await this.track(report)
            if (order.status !== 'ACCEPTED' && order.status !== 'PARTIALLY_FILLED') return { kind: 'closed', order }
          }
          lastReason = error instanceof Error ? error.message : String(error)
        } else if (isExchangeRetryableError(error)) {
          lastReason = error.message
          await this.deps.clock.sleep(Math.max(error.retryAfterMs, backoffDelayMs(policy, attempt, this.deps.random)))
          continue
        } else if (isExchangeRejectedError(error)) {
          return { kind: 'failed', reason: error.message }
        } else {
          throw error
        }
      }
      await this.deps.clock.sleep(backoffDelayMs(policy, attempt, this.deps.random))
    }
    return { kind: 'failed', reason: lastReason }
  }

  /**
   * Places a SELL OCO list whose two legs are durable intents: the above leg a LIMIT_MAKER at its
   * price, the below leg a STOP_LOSS_LIMIT at its stop and limit prices, one quantity locked once
   * under the list's id. Validated as a list (kind, counts, each leg's filters), reserved under the
   * account's lock, sent once per attempt; a refusal is final, a retryable error waits, an unknown
   * outcome is resolved by querying a leg. Returns the legs' orders when placed.
   */
  async executeOco(listId: string, aboveId: string, belowId: string, override: Partial<RetryPolicy> = {}): Promise<{ readonly kind: 'placed'; readonly legs: readonly Order[] } | { readonly kind: 'rejected' | 'failed' | 'blocked'; readonly reason: string }> {
    const policy = this.policyOf(this.intent(aboveId), override)
    const { journal, ledger, tracker, clock, exchange } = this.deps
    let lastReason = 'not attempted'
    for (let attempt = 1; attempt <= policy.maxAttempts; attempt += 1) {
      const above = this.intent(aboveId)
      const below = this.intent(belowId)
      const placedLegs = [above, below].map((leg) => tracker.order(leg.intentId)).filter((order): order is Order => order?.venueOrderId !== undefined)
      if (placedLegs.length === 2) return { kind: 'placed', legs: placedLegs }
      if (this.isBlocked(above)) return { kind: 'blocked', reason: `bot ${above.botId} is stopped` }
      if (above.status === 'sending' || above.status === 'unknown') {
        const found = await this.query(above)
        if (found !== 'not-found' && found !== 'unresolved') return this.trackLegs(above, below, listId)
        if (found === 'not-found') {
          ledger.release(listId)
          for (const leg of [above, below]) journal.updateIntent(leg.intentId, { status: 'pending', updatedAtMs: clock.nowMs() })
        }
      }
      const step = await this.deps.lock.run(async () => {
        const current = this.intent(aboveId)
        if (this.isBlocked(current)) return { kind: 'blocked' as const }
        const rules = this.deps.rules.get(current.symbol)
        const quantity = new Decimal(current.quantity ?? '0')
        const legs = [newOrderOf(current), newOrderOf(this.intent(belowId))]
        const validation = validateOrderList(rules, { kind: 'OCO', legs }, { exchangeFilters: this.deps.rules.exchangeFilters() })
        if (!validation.ok) return { kind: 'invalid' as const, reason: validation.violations.map((violation) => violation.message).join('; ') }
        if (!ledger.isReserved(listId)) {
          let reserved = ledger.reserve(listId, current.botId, rules.baseAsset, quantity)
          if (!reserved.ok && reserved.error.scope === 'account') {
            ledger.observeSnapshot(await exchange.account(), tracker.nextSeq())
            reserved = ledger.reserve(listId, current.botId, rules.baseAsset, quantity)
          }
          if (!reserved.ok) return { kind: 'short' as const, reason: describeInsufficientFunds(current.botId, reserved.error) }
        }
        for (const id of [aboveId, belowId]) {
          journal.updateIntent(id, { status: 'sending', attempts: this.intent(id).attempts + 1, updatedAtMs: clock.nowMs() })
          tracker.markSubmitted(id)
        }
        const [aboveOrder, belowOrder] = legs as [NewOrder, NewOrder]
        try {
          await exchange.placeOcoList({
            symbol: current.symbol,
            listClientOrderId: clientOrderId(listId),
            side: 'SELL',
            quantity,
            above: { clientOrderId: aboveOrder.clientOrderId, type: 'LIMIT_MAKER', ...(aboveOrder.price === undefined ? {} : { price: aboveOrder.price }) },
            below: {
              clientOrderId: belowOrder.clientOrderId,
              type: 'STOP_LOSS_LIMIT',
              ...(belowOrder.price === undefined ? {} : { price: belowOrder.price }),
              ...(belowOrder.stopPrice === undefined ? {} : { stopPrice: belowOrder.stopPrice }),
              timeInForce: 'GTC'
            }
          })
          return { kind: 'sent' as const }
        } catch (error) {
          return { kind: 'error' as const, error }
        }
      })
      if (step.kind === 'sent') return this.trackLegs(this.intent(aboveId), this.intent(belowId), listId)
      if (step.kind === 'blocked') return { kind: 'blocked', reason: 'the bot is stopped' }
      if (step.kind === 'invalid') {
        for (const id of [aboveId, belowId]) this.reject(id, step.reason)
        return { kind: 'rejected', reason: step.reason }
      }
      if (step.kind === 'short') {
        lastReason = step.reason
      } else {
        const error = step.error
        if (isOutcomeUnknownError(error)) {
          for (const id of [aboveId, belowId]) journal.updateIntent(id, { status: 'unknown', lastError: error.message, updatedAtMs: clock.nowMs() })
          lastReason = error.message
          continue
        }
        ledger.release(listId)
        if (isExchangeRetryableError(error)) {
          for (const id of [aboveId, belowId]) journal.updateIntent(id, { status: 'pending', lastError: error.message, updatedAtMs: clock.nowMs() })
          lastReason = error.message
          await clock.sleep(Math.max(error.retryAfterMs, backoffDelayMs(policy, attempt, this.deps.random)))
          continue
        }
        if (isExchangeRejectedError(error)) {
          const reason = `${error.venueCode} ${error.venueMessage}`
          for (const id of [aboveId, belowId]) this.reject(id, reason)
          return { kind: 'rejected', reason }
        }
        throw error
      }
      await clock.sleep(backoffDelayMs(policy, attempt, this.deps.random))
    }
    ledger.release(listId)
    for (const id of [aboveId, belowId]) if (!['unknown', 'sending'].includes(this.intent(id).status)) journal.updateIntent(id, { status: 'failed', lastError: lastReason, updatedAtMs: clock.nowMs() })
    return { kind: 'failed', reason: lastReason }
  }

  /** Cancels an order list by its id (cancelling it cancels both legs); the legs' final states are applied. */
  async cancelOrderList(symbol: string, listId: string, legIds: readonly string[]): Promise<'closed' | 'not-found' | 'failed'> {
    try {
      const list = await this.deps.exchange.cancelOrderList(symbol, listId)
      for (const report of list.orders) if (this.deps.journal.getIntent(report.clientOrderId) !== undefined) await this.track(report)
      return 'closed'
    } catch (error) {
      if (isOrderNotFoundError(error)) {
        for (const id of legIds) await this.refresh(id)
        return 'not-found'
      }
      if (isExchangeRejectedError(error) || isExchangeRetryableError(error) || isOutcomeUnknownError(error)) return 'failed'
      throw error
    }
  }

  private async trackLegs(above: IntentRecord, below: IntentRecord, listId: string): Promise<{ readonly kind: 'placed'; readonly legs: readonly Order[] }> {
    const legs: Order[] = []
    for (const leg of [above, below]) {
      const order = await this.refresh(leg.intentId)
      if (order !== undefined) legs.push(order)
    }
    this.deps.ledger.markAccepted(listId, this.deps.tracker.nextSeq(), 'response')
    return { kind: 'placed', legs }
  }

  /**
   * Cancels an order of ours that the journal has no intent for (found by reconciliation); an
   * order that is already gone counts as cancelled. Returns false when the cancel did not go through.
   */
  async cancelUntracked(symbol: string, id: string): Promise<boolean> {
    try {
      await this.deps.exchange.cancelOrder({ symbol, clientOrderId: clientOrderId(id) })
      return true
    } catch (error) {
      if (isOrderNotFoundError(error)) return true
      if (isExchangeRejectedError(error) || isExchangeRetryableError(error) || isOutcomeUnknownError(error)) {
        this.deps.logger.warn('an order unknown to the journal could not be cancelled; the next reconciliation tries again', { clientOrderId: id, error: error.message })
        return false
      }
      throw error
    }
  }

  /**
   * An order the exchange once took (it has a venue id) and no longer knows after every query of
   * the policy's delays: its trades, if the exchange still lists any, are applied, then it ends as
   * EXPIRED with its lock released, so its level is planned again. Returns undefined for an
   * order the exchange never took, or one it does know (then it is only tracked). `asked`: the
   * caller has just queried it through the policy's delays and found nothing, so it is not asked again.
   */
  async forget(intentId: string, asked = false): Promise<Order | undefined> {
    const { tracker, exchange, logger } = this.deps
    const intent = this.intent(intentId)
    const known = tracker.order(intentId)
    const venueId = known?.venueOrderId ?? intent.venueOrderId ?? undefined
    if (venueId === undefined || known === undefined || CLOSED_STATUSES.has(known.status)) return undefined
    const venueOrderId = toVenueOrderId(venueId)
    const report = asked ? 'not-found' : await this.query(intent)
    if (report === 'unresolved') return undefined
    if (report !== 'not-found') return this.track(report)
    const trades = await exchange.myTrades({ symbol: intent.symbol, orderId: venueOrderId, limit: 1000 })
    tracker.applyFills(trades.map((trade) => ({ ...trade, clientOrderId: clientOrderId(intentId) })))
    logger.warn('the exchange no longer knows an order it had taken; its level is planned again', { intentId, venueOrderId })
    return tracker.markForgotten(intentId, 'unknown to the exchange (-2013)')
  }

  /** Asks the exchange for an intent's order and applies what it says (fills we missed included). */
  async refresh(intentId: string): Promise<Order | undefined> {
    const report = await this.query(this.intent(intentId))
    return report === 'not-found' || report === 'unresolved' ? undefined : this.track(report)
  }

  /**
   * Applies a report to the tracker, fetching the trades it mentions that we have not seen first:
   * an order that ended is closed only once its trades are applied, so its level re-places the
   * unfilled rest, never the whole quantity.
   */
  async track(report: OrderStatusReport): Promise<Order> {
    const { tracker, logger } = this.deps
    const order = tracker.applyReport(report)
    if (order === undefined) throw new Error(`report for ${report.clientOrderId}, which is not ours`)
    const covered = () => report.executedQty.lte(tracker.order(report.clientOrderId)?.filledQuantity ?? 0)
    if (covered()) return tracker.order(report.clientOrderId) ?? order
    // Pages of an order's trades until the exchange's executed quantity is covered (bounded)
    let fromTradeId: TradeId | undefined
    for (let page = 0; page < 20 && !covered(); page += 1) {
      const trades = await this.deps.exchange.myTrades({ symbol: report.symbol, orderId: report.orderId, limit: 1000, ...(fromTradeId === undefined ? {} : { fromTradeId }) })
      // The trade history names orders by the exchange's id only
      tracker.applyFills(trades.map((trade) => ({ ...trade, clientOrderId: report.clientOrderId })))
      const last = trades[trades.length - 1]
      if (trades.length < 1000 || last === undefined) break
      fromTradeId = tradeId((BigInt(last.tradeId) + 1n).toString())
    }
    if (!covered()) logger.warn('the trade history does not yet show every trade of an order the exchange reports', { clientOrderId: report.clientOrderId, executedQty: report.executedQty.toFixed() })
    // The end the report told of, now that its trades are in (or could not be found)
    return tracker.applyReport(report, { closeUncovered: true }) ?? order
  }

  private async attemptOnce(intentId: string): Promise<Attempt> {
    const { journal, ledger, tracker, clock } = this.deps
    const intent = this.intent(intentId)
    // Withdrawn while this send waited for the lock (a re-plan voided it): nothing goes out
    if (intent.status === 'done' || intent.status === 'failed' || intent.status === 'rejected') return { kind: 'withdrawn' }
    // Checked under the lock, right before the send: a stop that took the lock first wins
    if (this.isBlocked(intent)) {
      ledger.release(intentId)
      return { kind: 'blocked' }
    }
    const rules = this.deps.rules.get(intent.symbol)
    const order = newOrderOf(intent)
    const validation = validateOrder(rules, order, await this.orderContext(rules, order))
    if (!validation.ok) {
      const reason = validation.violations.map((violation) => violation.message).join('; ')
      // A band the average price has not caught up with, or a market not trading now, passes; a wrong price or size does not
      const passing = validation.violations.every((violation) => WAITING_FILTERS.has(violation.filter))
      ledger.release(intentId)
      return passing ? { kind: 'wait', reason } : { kind: 'invalid', reason, violations: validation.violations }
    }
    if (!ledger.isReserved(intentId)) {
      const lastPrice = intent.type === 'MARKET' && intent.side === 'BUY' ? await this.deps.exchange.lastPrice(intent.symbol) : undefined
      const need = fundsNeeded(intent, rules, lastPrice, this.botHeadrooms.get(intent.botId))
      let reserved = ledger.reserve(intentId, intent.botId, need.asset, need.amount)
      if (!reserved.ok && reserved.error.scope === 'account') {
        // The bot's share covers it but the account's observed balance does not: it may be stale (a lost event)
        const seq = this.deps.tracker.nextSeq()
        ledger.observeSnapshot(await this.deps.exchange.account(), seq)
        reserved = ledger.reserve(intentId, intent.botId, need.asset, need.amount)
      }
      if (!reserved.ok) return { kind: 'short', reason: describeInsufficientFunds(intent.botId, reserved.error) }
    }
    // Durable before the send: a crash from here on leaves an intent whose outcome must be queried
    journal.updateIntent(intentId, { status: 'sending', attempts: intent.attempts + 1, updatedAtMs: clock.nowMs() })
    tracker.markSubmitted(intentId)
    try {
      return { kind: 'sent', report: await this.deps.exchange.placeOrder(order) }
    } catch (error) {
      return { kind: 'error', error }
    }
  }

  /**
   * What Binance checks one more order against besides the symbol's own filters: the average
   * price (for PERCENT_PRICE(_BY_SIDE) and MARKET notional), the open orders of the symbol and
   * the account that this engine knows of (every bot's; a person's own orders are counted by the
   * exchange alone), and the base position for MAX_POSITION.
   */
  private async orderContext(rules: SymbolRules, order: NewOrder): Promise<OrderContext> {
    const { tracker, ledger, exchange } = this.deps
    const filters = rules.filters
    const needsReference =
      filters.percentPrice !== undefined || filters.percentPriceBySide !== undefined || (MARKET_PRICED_TYPES.has(order.type) && (filters.notional !== undefined || filters.minNotional !== undefined))
    const referencePrice = needsReference ? (await exchange.avgPrice(rules.symbol)).price : undefined
    const counts = tracker.openOrderCounts(rules.symbol)
    const base = ledger.exchangeFree(rules.baseAsset).add(ledger.exchangeLocked(rules.baseAsset))
    return {
      exchangeFilters: this.deps.rules.exchangeFilters(),
      ...(referencePrice === undefined ? {} : { referencePrice }),
      symbolOpenOrders: counts.symbol,
      symbolOpenAlgoOrders: counts.symbolAlgo,
      accountOpenOrders: counts.account,
      accountOpenAlgoOrders: counts.accountAlgo,
      basePosition: base.add(counts.symbolOpenBuyQuantity)
    }
  }

  private async handleSendError(
    intentId: string,
    error: unknown,
    rulesRefreshed: boolean
  ): Promise<
    | { kind: 'done'; outcome: ExecuteOutcome }
    | { kind: 'retry' | 'rules-refreshed'; reason: string; waitMs?: number }
  > {
    const { journal, ledger, clock } = this.deps
    const now = clock.nowMs()
    if (isOutcomeUnknownError(error)) {
      // Keep the reservation: the order may be on the exchange
      journal.updateIntent(intentId, { status: 'unknown', lastError: error.message, updatedAtMs: now })
      return { kind: 'retry', reason: error.message, waitMs: 0 }
    }
    if (isExchangeRejectedError(error) && error.venueCode === -2010 && error.venueMessage === 'Duplicate order sent.') {
      // Our id is on an open order: an earlier send placed it, and its funds stay reserved until it is seen
      journal.updateIntent(intentId, { status: 'unknown', updatedAtMs: now })
      return { kind: 'retry', reason: error.venueMessage, waitMs: 0 }
    }
    ledger.release(intentId)
    if (isExchangeRetryableError(error)) {
      journal.updateIntent(intentId, { status: 'pending', lastError: error.message, updatedAtMs: now })
      // No wait asked for (a -1021 after a clock resync): the backoff spaces the sends, or a burst would spend them all at once
      return error.retryAfterMs > 0 ? { kind: 'retry', reason: error.message, waitMs: error.retryAfterMs } : { kind: 'retry', reason: error.message }
    }
    if (!isExchangeRejectedError(error)) throw error
    const { venueCode, venueMessage } = error
    journal.updateIntent(intentId, { status: 'pending', lastError: error.message, updatedAtMs: now })
    if (venueCode === -2010 && venueMessage.startsWith('Account has insufficient balance')) {
      // The book and the exchange disagree: re-read the account instead of spinning on the same refusal
      const seq = this.deps.tracker.nextSeq()
      ledger.observeSnapshot(await this.deps.exchange.account(), seq)
      return { kind: 'retry', reason: venueMessage }
    }
    if ((venueCode === -2010 && venueMessage === 'Market is closed.') || (venueCode === -1013 && /PERCENT_PRICE/.test(venueMessage))) {
      // Not now, but maybe soon: the market trades again, the average price catches up; the rules say which
      if (venueCode === -2010) await this.deps.rules.refresh([this.intent(intentId).symbol])
      return { kind: 'done', outcome: this.waiting(intentId, `${venueCode} ${venueMessage}`) }
    }
    // A filter or precision refusal may come from rules changed since they were read: read them again, once
    if ((venueCode === -1013 || venueCode === -1111) && !rulesRefreshed) {
      await this.deps.rules.refresh([this.intent(intentId).symbol])
      return { kind: 'rules-refreshed', reason: venueMessage, waitMs: 0 }
    }
    return { kind: 'done', outcome: this.reject(intentId, `${venueCode} ${venueMessage}`) }
  }

  /** Finds out whether an earlier send placed the order: the order itself, or 'not-placed'. */
  private async resolveUnknown(intent: IntentRecord, policy: RetryPolicy): Promise<OrderStatusReport | 'not-placed' | 'unresolved'> {
    const report = await this.query(intent, policy.unknownQueryDelaysMs)
    if (report === 'not-found') {
      this.deps.ledger.release(intent.intentId)
      // Withdrawn meanwhile (a re-plan voided it while the queries waited): it stays withdrawn
      if (this.intent(intent.intentId).status === 'done') return 'not-placed'
      this.deps.journal.updateIntent(intent.intentId, { status: 'pending', updatedAtMs: this.deps.clock.nowMs() })
      this.deps.logger.debug('an unanswered order send did not reach the exchange; sending again', { intentId: intent.intentId })
      return 'not-placed'
    }
    return report
  }

  /** Queries an order by client order id after each delay; 'not-found' only when every query says so. */
  private async query(intent: IntentRecord, delaysMs: readonly number[] = this.policyOf(intent).unknownQueryDelaysMs): Promise<OrderStatusReport | 'not-found' | 'unresolved'> {
    let answered = false
    for (const delayMs of delaysMs) {
      if (delayMs > 0) await this.deps.clock.sleep(delayMs)
      try {
        return await this.deps.exchange.queryOrder({ symbol: intent.symbol, clientOrderId: clientOrderId(intent.intentId) })
      } catch (error) {
        if (isOrderNotFoundError(error)) answered = true
        // A 429 on a query is honoured too: hammering on is how an IP gets banned
        else if (isExchangeRetryableError(error)) await this.deps.clock.sleep(error.retryAfterMs)
        else if (!isOutcomeUnknownError(error)) throw error
      }
    }
    return answered ? 'not-found' : 'unresolved'
  }

  private async placed(report: OrderStatusReport): Promise<ExecuteOutcome> {
    return { kind: 'placed', order: await this.track(report) }
  }

  /**
   * Puts an unsent intent on the symbol's current tick and lot step when those are all that its
   * order breaks (the exchange changed them while the bot ran), beside refusals that pass by
   * themselves (see WAITING_FILTERS): the price towards the safe side
   * (a BUY down, a SELL up), the quantity down, the step's remainder handed to the bot (its grid
   * carries it as dust). Returns false when anything else is wrong, or nothing would be left.
   */
  private reround(intentId: string, violations: readonly FilterViolation[]): boolean {
    const intent = this.intent(intentId)
    // A refusal that passes by itself beside it (a BREAK, the band) is waited out once the order is on the new steps
    const onSteps = (violation: FilterViolation) => violation.rule === 'tickSize' || violation.rule === 'stepSize'
    if (!violations.some(onSteps) || !violations.every((violation) => onSteps(violation) || WAITING_FILTERS.has(violation.filter))) return false
    if (intent.status !== 'pending' || intent.quantity === null || intent.stopPrice !== undefined && intent.stopPrice !== null) return false
    const rules = this.deps.rules.get(intent.symbol)
    const type = intent.type as OrderType
    const quantity = roundQuantity(rules, new Decimal(intent.quantity), type)
    const price = intent.price === null || type === 'MARKET' ? null : roundPrice(rules, new Decimal(intent.price), intent.side === 'BUY' ? 'down' : 'up')
    if (quantity.isZero()) return false
    const note = `put on the exchange's new tick and lot step: ${intent.quantity} @ ${intent.price ?? 'market'} → ${quantity.toFixed()} @ ${price?.toFixed() ?? 'market'}`
    this.deps.journal.transaction(() => {
      // Kept where no later error overwrites it: the quantity and price the order was planned with
      const planned = JSON.parse(this.deps.journal.getBotState(intent.botId, REROUNDED_STATE) ?? '{}') as Record<string, PlannedOrder>
      planned[intentId] ??= { quantity: intent.quantity ?? '0', price: intent.price }
      this.deps.journal.saveBotState(intent.botId, REROUNDED_STATE, JSON.stringify(planned), this.deps.clock.nowMs())
      this.deps.journal.updateIntent(intentId, { quantity: quantity.toFixed(), ...(price === null ? {} : { price: price.toFixed() }), lastError: note, updatedAtMs: this.deps.clock.nowMs() })
      const remainder = new Decimal(intent.quantity ?? '0').sub(quantity)
      if (remainder.gt(0)) this.remainderSinks.get(intent.botId)?.(intent, remainder)
    })
    this.deps.tracker.reload(intentId)
    this.deps.logger.info(`order ${intentId} ${note}`, { intentId })
    return true
  }

  private waiting(intentId: string, reason: string): ExecuteOutcome {
    this.deps.ledger.release(intentId)
    this.deps.journal.updateIntent(intentId, { status: 'pending', lastError: reason, updatedAtMs: this.deps.clock.nowMs() })
    this.deps.logger.debug('order waits: the exchange cannot take it now', { intentId, reason })
    return { kind: 'waiting', reason }
  }

  private reject(intentId: string, reason: string): ExecuteOutcome {
    this.deps.tracker.markRejected(intentId, reason)
    this.deps.journal.updateIntent(intentId, { status: 'rejected', lastError: reason, updatedAtMs: this.deps.clock.nowMs() })
    this.deps.logger.warn('order rejected', { intentId, reason })
    return { kind: 'rejected', reason }
  }

  private fail(intentId: string, reason: string): ExecuteOutcome {
    const intent = this.intent(intentId)
    // An unknown outcome stays unknown (reconciliation resolves it); anything else has failed for good
    if (intent.status !== 'unknown' && intent.status !== 'sending') {
      this.deps.ledger.release(intentId)
      this.deps.journal.updateIntent(intentId, { status: 'failed', lastError: reason, updatedAtMs: this.deps.clock.nowMs() })
    }
    this.deps.logger.error('order could not be placed within its retry budget', { intentId, reason })
    return { kind: 'failed', reason }
  }

  private isBlocked(intent: IntentRecord): boolean {
    return this.blocked.has(intent.botId) && intent.purpose !== 'emergency' && intent.purpose !== 'exit'
  }

  private settledOutcome(intent: IntentRecord): ExecuteOutcome | undefined {
    switch (intent.status) {
      case 'placed':
      case 'done': {
        const order = this.deps.tracker.order(intent.intentId)
        // A done intent that never reached the exchange was withdrawn (voided by a re-plan, merged): it is never sent
        if (intent.status === 'done' && (order === undefined || order.venueOrderId === undefined)) return { kind: 'failed', reason: intent.lastError ?? 'withdrawn before it was sent' }
        return order === undefined ? undefined : { kind: 'placed', order }
      }
      case 'rejected':
        return { kind: 'rejected', reason: intent.lastError ?? 'rejected' }
      case 'failed':
        return { kind: 'failed', reason: intent.lastError ?? 'failed' }
      default:
        return undefined
    }
  }

  private intent(intentId: string): IntentRecord {
    const intent = this.deps.journal.getIntent(intentId)
    if (intent === undefined) throw new Error(`no intent ${intentId} in the journal`)
    return intent
  }
}

/**
 * Bot state: the quantity and price each order had before the engine put it on a tick or lot step
 * the exchange changed, by intent id (the order's note says so too, until a later error replaces it).
 */
export const REROUNDED_STATE = 'rerounded-orders'

/** What an order was planned with, before it was put on the exchange's new steps. */
export interface PlannedOrder {
  readonly quantity: string
  readonly price: string | null
}

/** Filters whose refusal passes by itself: the band follows the average price, and a market in BREAK trades again. */
const WAITING_FILTERS: ReadonlySet<string> = new Set(['PERCENT_PRICE', 'PERCENT_PRICE_BY_SIDE', 'SYMBOL_STATUS'])

/** Builds the order to send from an intent. */
export function newOrderOf(intent: IntentRecord): NewOrder {
  const type = intent.type as OrderType
  const resting = type === 'LIMIT' || type === 'STOP_LOSS_LIMIT' || type === 'TAKE_PROFIT_LIMIT'
  return {
    symbol: intent.symbol,
    clientOrderId: clientOrderId(intent.intentId),
    side: intent.side,
    type,
    ...(intent.quantity === null ? {} : { quantity: new Decimal(intent.quantity) }),
    ...(intent.quoteOrderQty === null ? {} : { quoteOrderQty: new Decimal(intent.quoteOrderQty) }),
    ...(intent.price === null || type === 'MARKET' ? {} : { price: new Decimal(intent.price) }),
    ...(intent.stopPrice === undefined || intent.stopPrice === null ? {} : { stopPrice: new Decimal(intent.stopPrice) }),
    ...(resting ? { timeInForce: 'GTC' as const } : {})
  }
}
