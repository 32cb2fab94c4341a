import { Decimal } from '@shared/money/decimal'
import { clientOrderId as toClientOrderId } from '../exchange/port/identifiers'
import type { FillReport, OrderStatusReport } from '../exchange/port/order-report'
import type { ExecutionEvent } from '../exchange/port/user-event'
import { ALGO_TYPES, MARKET_PRICED_TYPES } from '../exchange/rules/order-request'
import type { RulesSource } from '../exchange/rules/rules-source'
import type { OrderType } from '../exchange/rules/symbol-rules'
import type { FundsLedger } from '../funds/funds-ledger'
import type { Journal } from '../journal/journal'
import type { FillRecord, IntentRecord } from '../journal/journal-records'
import type { Logger } from '../logging/logger'
import { applyOrderEvent, initialOrder } from './apply-order-event'
import type { Order } from './order'
import type { OrderEvent } from './order-event'
import { decodeOrderEvent, dedupeKeyOf, encodeOrderEvent } from './order-event-codec'
import { CLOSED_STATUSES } from './order-status'

/** What the tracker tells the strategies. */
export interface OrderTrackerListener {
  /** A new fill of one of our orders was recorded; runs inside the transaction that recorded it, before the bot's share is booked. */
  onFill?(fill: FillRecord, intent: IntentRecord): void
  /** One of our orders reached a final status. */
  onClosed?(order: Order, intent: IntentRecord): void
  /** Self-trade prevention took part of an open order of ours out of the book (it stays open for the rest). */
  onPrevented?(order: Order, intent: IntentRecord): void
}

/** The dependencies of the tracker. */
export interface OrderTrackerDeps {
  readonly journal: Journal
  readonly ledger: FundsLedger
  readonly rules: RulesSource
  readonly logger: Logger
  readonly nowMs: () => number
  /** Values a commission paid in a third asset (BNB) in the quote asset; undefined when its price is not known. */
  readonly feeValue?: (asset: string, quoteAsset: string, amount: Decimal) => Decimal | undefined
}

/**
 * The one owner of our orders' state. Every report of an order — placement response, query,
 * user-data event, trade history — becomes order events, applied through the transition table,
 * stored in the journal once (by dedupe key), with each new fill recorded once (by trade id) and
 * booked to the bot's share, and the order's lock and intent status kept in step.
 * Reports of orders that are not ours (no intent) are ignored here and left to reconciliation.
 */
export class OrderTracker {
  private readonly orders = new Map<string, Order>()
  private readonly listeners: OrderTrackerListener[] = []
  private seq = 0

  constructor(private readonly deps: OrderTrackerDeps) {}

  /** Returns the next observation number (see FundsLedger); grows with every input processed. */
  nextSeq(): number {
    this.seq += 1
    return this.seq
  }

  /** Adds a listener. */
  addListener(listener: OrderTrackerListener): void {
    this.listeners.push(listener)
  }

  /** Returns our order with this client order id (loading it from the journal), or undefined. */
  order(clientOrderId: string): Order | undefined {
    const cached = this.orders.get(clientOrderId)
    if (cached !== undefined) return cached
    const intent = this.deps.journal.getIntent(clientOrderId)
    if (intent === undefined) return undefined
    let order = initialOrder(commandOf(intent), intent.createdAtMs)
    for (const record of this.deps.journal.listOrderEvents(clientOrderId)) {
      const applied = applyOrderEvent(order, decodeOrderEvent(record.payloadJson))
      if (applied.ok) order = applied.value
    }
    this.orders.set(clientOrderId, order)
    return order
  }

  /** Drops what is remembered of an intent's order, so it is rebuilt from the journal (its intent changed before any send). */
  reload(intentId: string): void {
    this.orders.delete(intentId)
  }

  /** Records that an intent's order is about to be sent. */
  markSubmitted(intentId: string): void {
    this.apply(intentId, [{ type: 'OrderSubmitted', atMs: this.deps.nowMs() }], this.nextSeq(), 'response')
  }

  /**
   * Records that the exchange no longer knows an order it had accepted (-2013 on query and
   * cancel, as after a testnet reset): the order ends as EXPIRED, its lock goes, and its level is
   * planned again for what did not fill.
   */
  markForgotten(intentId: string, reason: string): Order | undefined {
    return this.apply(intentId, [{ type: 'OrderExpired', reason, atMs: this.deps.nowMs() }], this.nextSeq(), 'response')
  }

  /** Records that the exchange refused an intent's order for good. */
  markRejected(intentId: string, reason: string): void {
    this.apply(intentId, [{ type: 'OrderRejected', reason, atMs: this.deps.nowMs() }], this.nextSeq(), 'response')
    this.deps.ledger.release(intentId)
  }

  /**
   * Applies a report from a placement response or a query; returns the order, or undefined if not
   * ours. An order that ended (cancelled, expired) after trades we have not seen yet stays open
   * here until they are applied (`applyFills`): closed first, its level would re-place the whole
   * quantity instead of the unfilled rest. `closeUncovered` closes it anyway (the trades could not
   * be found).
   */
  applyReport(report: OrderStatusReport, options: { readonly closeUncovered?: boolean } = {}): Order | undefined {
    // A refused order was never on the book: no acceptance, and its funds are free again
    const events: OrderEvent[] = report.status === 'REJECTED' ? [] : [{ type: 'OrderAccepted', venueOrderId: report.orderId, atMs: report.createdAtMs }]
    for (const fill of report.fills ?? []) events.push(fillEvent(fill))
    events.push(...preventedEvents(report))
    const closing = closingEvents(report)
    if (closing.length > 0 && options.closeUncovered !== true && !this.covers(report, report.fills ?? [])) return this.apply(report.clientOrderId, events, this.nextSeq(), 'response')
    events.push(...closing)
    return this.apply(report.clientOrderId, events, this.nextSeq(), 'response')
  }

  /**
   * Applies one execution event of the user-data stream; returns the order, or undefined if not
   * ours. As with `applyReport`, an end that follows trades not seen yet waits for them.
   */
  applyExecution(event: ExecutionEvent): Order | undefined {
    const { report } = event
    const events: OrderEvent[] = []
    if (event.executionType !== 'REJECTED') events.push({ type: 'OrderAccepted', venueOrderId: report.orderId, atMs: event.eventTimeMs })
    if (event.fill !== undefined) events.push(fillEvent(event.fill))
    events.push(...preventedEvents(report))
    // A trade that ends the order short of its quantity (see closingEvents) closes it as well
    const closing = (event.executionType !== 'TRADE' || report.status === 'FILLED') && event.executionType !== 'NEW' ? closingEvents(report) : []
    if (closing.length > 0 && this.covers(report, event.fill === undefined ? [] : [event.fill])) events.push(...closing)
    return this.apply(report.clientOrderId, events, this.nextSeq(), 'event')
  }

  /** Whether the fills known for a reported order, with `arriving`, add up to what the exchange says it executed. */
  private covers(report: OrderStatusReport, arriving: readonly FillReport[]): boolean {
    const known = this.order(report.clientOrderId)
    if (known === undefined) return true
    const added = arriving.filter((fill) => !known.tradeIds.has(fill.tradeId)).reduce((total, fill) => total.add(fill.quantity), new Decimal(0))
    return known.filledQuantity.add(added).gte(report.executedQty)
  }

  /** Applies trades from the trade history (e.g. fills missed while offline); each must name its order's client id. */
  applyFills(fills: readonly FillReport[]): void {
    for (const fill of fills) {
      if (fill.clientOrderId === undefined) throw new Error(`trade ${fill.tradeId} does not name its client order id`)
      this.apply(fill.clientOrderId, [{ type: 'OrderAccepted', venueOrderId: fill.orderId, atMs: fill.timeMs }, fillEvent(fill)], this.nextSeq(), 'response')
    }
  }

  /**
   * Counts the open orders this engine knows of (every bot's, order-list legs included), on one
   * symbol and on the account, as Binance's MAX_NUM_ORDERS and MAX_NUM_ALGO_ORDERS count them, and
   * the unfilled quantity of the symbol's open BUYs (for MAX_POSITION). Orders of this process's
   * memory: after a start every open order has been loaded by reconciliation.
   */
  openOrderCounts(symbol: string): { readonly symbol: number; readonly symbolAlgo: number; readonly account: number; readonly accountAlgo: number; readonly symbolOpenBuyQuantity: Decimal } {
    let account = 0
    let accountAlgo = 0
    let onSymbol = 0
    let symbolAlgo = 0
    let symbolOpenBuyQuantity = new Decimal(0)
    for (const order of this.orders.values()) {
      if (order.venueOrderId === undefined || order.status === 'INITIALIZED' || CLOSED_STATUSES.has(order.status)) continue
      const algo = ALGO_TYPES.has(order.command.type)
      account += 1
      if (algo) accountAlgo += 1
      if (order.command.symbol !== symbol) continue
      onSymbol += 1
      if (algo) symbolAlgo += 1
      if (order.command.side === 'BUY') symbolOpenBuyQuantity = symbolOpenBuyQuantity.add(order.command.quantity.sub(order.filledQuantity))
    }
    return { symbol: onSymbol, symbolAlgo, account, accountAlgo, symbolOpenBuyQuantity }
  }

  /** Returns a bot's orders that are or may be on the exchange and not closed (sent, and not known to be closed). */
  openOrders(botId: string): Order[] {
    return this.deps.journal
      .listIntents(botId, ['sending', 'placed', 'unknown'])
      .map((intent) => this.order(intent.intentId))
      .filter((order): order is Order => order !== undefined && order.status !== 'INITIALIZED' && !CLOSED_STATUSES.has(order.status))
  }

  private apply(clientOrderId: string, events: readonly OrderEvent[], seq: number, source: 'event' | 'response'): Order | undefined {
    const before = this.order(clientOrderId)
    const intent = this.deps.journal.getIntent(clientOrderId)
    if (before === undefined || intent === undefined) return undefined
    const { journal, ledger, logger } = this.deps
    let order = before
    const recorded: Extract<OrderEvent, { type: 'OrderFilled' }>[] = []
    journal.transaction(() => {
      for (const event of events) {
        const applied = applyOrderEvent(order, event)
        if (!applied.ok) {
          // Replays are normal (the response and the stream both report an order); anything else is worth a look
          const quiet = applied.error.problem === 'duplicate-trade' || applied.error.problem === 'invalid-transition'
          ;(quiet ? logger.debug : logger.warn).call(logger, `order event ignored: ${applied.error.message}`, { clientOrderId })
          continue
        }
        order = applied.value
        journal.appendOrderEvent({
          clientOrderId,
          dedupeKey: dedupeKeyOf(event),
          eventType: event.type,
          status: order.status,
          executedQty: order.filledQuantity.toFixed(),
          cumulativeQuoteQty: order.filledQuote.toFixed(),
          payloadJson: encodeOrderEvent(event),
          atMs: event.atMs
        })
        if (event.type === 'OrderFilled' && this.recordFill(intent, event)) recorded.push(event)
      }
      this.orders.set(clientOrderId, order)
      this.syncIntent(intent, order)
    })
    // Booked after the commit: a fill rolled back (a listener threw) must not stay booked, or its replay books it twice
    for (const event of recorded) this.bookFill(intent, event)
    // An order list's legs share the list's reservation
    const reservation = intent.listId ?? clientOrderId
    if (order.status === 'REJECTED') ledger.release(reservation)
    else if (order.status !== 'INITIALIZED' && order.status !== 'SUBMITTED') ledger.markAccepted(reservation, seq, source)
    this.syncLock(intent, order)
    if (CLOSED_STATUSES.has(order.status) && !CLOSED_STATUSES.has(before.status)) {
      for (const listener of this.listeners) listener.onClosed?.(order, journal.getIntent(clientOrderId) ?? intent)
    } else if (!CLOSED_STATUSES.has(order.status) && order.preventedQuantity.gt(before.preventedQuantity)) {
      for (const listener of this.listeners) listener.onPrevented?.(order, journal.getIntent(clientOrderId) ?? intent)
    }
    return order
  }

  /** Records a fill in the journal and tells the listeners; false when the journal already had it. */
  private recordFill(intent: IntentRecord, event: Extract<OrderEvent, { type: 'OrderFilled' }>): boolean {
    const quote = event.price.mul(event.quantity)
    const rules = this.deps.rules.get(intent.symbol)
    const thirdAsset = event.commissionAsset !== rules.baseAsset && event.commissionAsset !== rules.quoteAsset && !event.commission.isZero()
    const commissionQuote = thirdAsset ? (this.deps.feeValue?.(event.commissionAsset, rules.quoteAsset, event.commission)?.toFixed() ?? null) : null
    const fill: FillRecord = {
      symbol: intent.symbol,
      tradeId: event.tradeId,
      orderId: event.venueOrderId,
      clientOrderId: intent.intentId,
      botId: intent.botId,
      side: intent.side,
      price: event.price.toFixed(),
      quantity: event.quantity.toFixed(),
      quoteQuantity: quote.toFixed(),
      commission: event.commission.toFixed(),
      commissionAsset: event.commissionAsset,
      isMaker: event.isMaker,
      timeMs: event.atMs,
      counterIntentId: null,
      hedgeNote: null,
      commissionQuote
    }
    if (!this.deps.journal.recordFill(fill)) return false
    for (const listener of this.listeners) listener.onFill?.(fill, intent)
    return true
  }

  /**
   * Adds a recorded fill's effect to the bot's share. A commission in the base or quote asset is
   * the bot's; one in a third asset (BNB) is paid from the account's own holding of it, which no
   * bot was given, so it is not booked to the bot (its value counts in the bot's profit instead).
   */
  private bookFill(intent: IntentRecord, event: Extract<OrderEvent, { type: 'OrderFilled' }>): void {
    // A bot not restored yet (a restart still restoring the account's other bots) gets its share
    // from the journal's fills, this one included, when it is
    if (!this.deps.ledger.hasBot(intent.botId)) return
    const rules = this.deps.rules.get(intent.symbol)
    const quote = event.price.mul(event.quantity)
    const sign = intent.side === 'BUY' ? 1 : -1
    this.deps.ledger.addToBot(intent.botId, rules.baseAsset, event.quantity.mul(sign))
    this.deps.ledger.addToBot(intent.botId, rules.quoteAsset, quote.mul(-sign))
    if (event.commissionAsset === rules.baseAsset || event.commissionAsset === rules.quoteAsset) this.deps.ledger.addToBot(intent.botId, event.commissionAsset, event.commission.neg())
  }

  private syncIntent(intent: IntentRecord, order: Order): void {
    const status = order.status === 'REJECTED' ? 'rejected' : CLOSED_STATUSES.has(order.status) ? 'done' : order.venueOrderId !== undefined ? 'placed' : intent.status
    const venueOrderId = order.venueOrderId ?? intent.venueOrderId
    if (status === intent.status && venueOrderId === intent.venueOrderId) return
    this.deps.journal.updateIntent(intent.intentId, { status, venueOrderId: venueOrderId ?? null, updatedAtMs: this.deps.nowMs() })
  }

  private syncLock(intent: IntentRecord, order: Order): void {
    const { ledger } = this.deps
    if (intent.listId !== undefined && intent.listId !== null) {
      // The legs of an order list share one lock on the exchange: keep one, under the list's id;
      // when a leg ends the list ends (OCO), so its lock goes with it
      const open = !CLOSED_STATUSES.has(order.status) && order.venueOrderId !== undefined
      const rules = this.deps.rules.get(intent.symbol)
      if (!open) ledger.clearOrderLock(intent.listId)
      else if (order.command.side === 'SELL') ledger.setOrderLock(intent.listId, intent.botId, rules.baseAsset, order.command.quantity.sub(order.filledQuantity).sub(order.preventedQuantity))
      return
    }
    if (CLOSED_STATUSES.has(order.status) || order.venueOrderId === undefined || MARKET_PRICED_TYPES.has(order.command.type)) {
      ledger.clearOrderLock(intent.intentId)
      return
    }
    const rules = this.deps.rules.get(intent.symbol)
    // What self-trade prevention took out of the book the exchange no longer locks
    const remaining = Decimal.max(order.command.quantity.sub(order.filledQuantity).sub(order.preventedQuantity), 0)
    if (order.command.side === 'BUY') {
      ledger.setOrderLock(intent.intentId, intent.botId, rules.quoteAsset, remaining.mul(order.command.price ?? 0))
    } else {
      ledger.setOrderLock(intent.intentId, intent.botId, rules.baseAsset, remaining)
    }
  }
}

function commandOf(intent: IntentRecord) {
  if (intent.quantity === null) throw new Error(`intent ${intent.intentId} has no quantity`)
  return {
    clientOrderId: toClientOrderId(intent.intentId),
    botId: intent.botId,
    symbol: intent.symbol,
    side: intent.side,
    type: intent.type as OrderType,
    quantity: new Decimal(intent.quantity),
    ...(intent.price === null ? {} : { price: new Decimal(intent.price) }),
    ...(intent.stopPrice === undefined || intent.stopPrice === null ? {} : { stopPrice: new Decimal(intent.stopPrice) })
  }
}

function fillEvent(fill: FillReport): OrderEvent {
  return {
    type: 'OrderFilled',
    tradeId: fill.tradeId,
    venueOrderId: fill.orderId,
    price: fill.price,
    quantity: fill.quantity,
    commission: fill.commission,
    commissionAsset: fill.commissionAsset,
    isMaker: fill.isMaker,
    atMs: fill.timeMs
  }
}

/** What self-trade prevention took out of the book, as the report counts it in all (nothing when it took nothing). */
function preventedEvents(report: OrderStatusReport): OrderEvent[] {
  const prevented = report.preventedQuantity
  return prevented !== undefined && prevented.gt(0) ? [{ type: 'OrderPrevented', quantity: prevented, atMs: report.updatedAtMs }] : []
}

function closingEvents(report: OrderStatusReport): OrderEvent[] {
  switch (report.status) {
    case 'CANCELED':
      return [{ type: 'OrderCanceled', atMs: report.updatedAtMs }]
    case 'EXPIRED':
    case 'EXPIRED_IN_MATCH':
      return [{ type: 'OrderExpired', reason: report.expiryReason ?? report.status, atMs: report.updatedAtMs }]
    case 'REJECTED':
      return [{ type: 'OrderRejected', reason: 'rejected by the exchange', atMs: report.updatedAtMs }]
    case 'FILLED': {
      // FILLED short of its quantity: self-trade prevention (DECREMENT) took the rest out of the book, and the order is over
      const unfilled = report.origQty.sub(report.executedQty)
      if (!unfilled.gt(0)) return []
      return [{ type: 'OrderExpired', reason: `${unfilled.toFixed()} of it was prevented from trading against the account's own order`, atMs: report.updatedAtMs }]
    }
    default:
      return []
  }
}
