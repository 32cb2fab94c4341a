import { Decimal } from '@shared/money/decimal'
import { roundToStep } from '@shared/money/step'
import { clientOrderId, type ClientOrderId } from '../port/identifiers'
import type { NewOrder, OrderRef } from '../port/new-order'
import type { OrderStatusReport } from '../port/order-report'
import { quantityStep } from '../rules'
import type { OrderSide } from '../rules'
import type { Matcher } from './matcher'
import { enterOrder } from './order-entry'
import { applyRulesChange, type RulesChange } from './rules-change'
import { SeededRandom } from './seeded-random'
import { isListOpen } from './sim-order-list'
import { isOpen, orderReport, remainingQty, type SimOrder } from './sim-order'
import type { SimVenue } from './sim-venue'
import { MARKET_STOP_TYPES } from './stop-trigger'
import { venueErrors } from './venue-errors'

/** Prints a public trade that matches nothing (klines, trade subscribers, average price). */
export type PrintTrade = (symbol: string, price: Decimal, quantity: Decimal) => void

/** An order the person trading by hand places: LIMIT (GTC) or MARKET. */
export interface HandOrder {
  readonly symbol: string
  readonly side: OrderSide
  readonly type: 'LIMIT' | 'MARKET'
  readonly quantity: Decimal
  readonly price?: Decimal
  /** Where they click: the website (`web_…` ids, the default) or the Android app (`and_…`). */
  readonly app?: 'web' | 'and'
}

interface Scheduled {
  readonly atMs: number
  readonly apply: () => void
}

/**
 * What happens on the exchange that our engine did not ask for, each as a hook a test calls: the
 * exchange expiring an order, someone else partly filling and cancelling one, the person trading
 * by hand on the same account, an order forgotten or the whole account reset (a testnet reset),
 * a price gap, a symbol's status or rules changing (now or at a time), a -1021 burst, a thin
 * book. Random draws of the same events come through `SimExchange.trade` (see WorldEvents).
 */
export class ExchangeWorld {
  private readonly scheduled: Scheduled[] = []
  private readonly idRandom: SeededRandom

  constructor(
    private readonly venue: SimVenue,
    private readonly matcher: Matcher,
    private readonly print: PrintTrade,
    private readonly startingBalances: Readonly<Record<string, Decimal>>,
    seed: number
  ) {
    this.idRandom = SeededRandom.derive(seed, 8)
  }

  /** Applies the scheduled changes that are due by the clock's time (status reverts, timed rules changes). */
  tick(): void {
    const nowMs = this.venue.nowMs()
    for (;;) {
      const due = this.scheduled.findIndex((entry) => entry.atMs <= nowMs)
      if (due < 0) return
      const [entry] = this.scheduled.splice(due, 1)
      entry?.apply()
    }
  }

  /** Ends an open order as the exchange does by itself: EXPIRED with `expiryReason` (a list leg ends its list). */
  expireOrder(ref: OrderRef, expiryReason = 'EXCHANGE_CANCELED'): OrderStatusReport {
    const order = this.openOrder(ref)
    const list = order.orderListId === undefined ? undefined : this.venue.store.list(order.orderListId)
    if (list !== undefined && isListOpen(list)) {
      for (const leg of list.legs) if (isOpen(leg)) this.matcher.expire(leg, expiryReason)
      this.matcher.endList(list)
    } else {
      this.matcher.expire(order, expiryReason)
    }
    this.matcher.endChange()
    this.venue.faults.countWorld('exchangeExpiries')
    return orderReport(order)
  }

  /**
   * Someone else trades against an open order of ours for `quantity` at its price (a public trade
   * prints), then cancels it (the person on the website, another tool): the cancel's execution
   * report carries `cancelClientOrderId` (a `web_…` id by default). A leg's cancel ends its list.
   */
  partialFillThenCancel(ref: OrderRef, quantity: Decimal, cancelClientOrderId?: string): OrderStatusReport {
    const order = this.openOrder(ref)
    if (quantity.gt(0)) {
      if (!order.working || order.price === undefined || MARKET_STOP_TYPES.has(order.type)) throw new RangeError(`order ${order.orderId} is not resting at a price, so nobody can trade against it`)
      if (quantity.gte(remainingQty(order))) throw new RangeError(`a partial fill must leave some of order ${order.orderId}: ${quantity.toFixed()} ≥ ${remainingQty(order).toFixed()}`)
      this.matcher.fill(order, quantity, order.price, true)
      this.matcher.endChange()
      this.print(order.symbol, order.price, quantity)
    }
    const cancelId = cancelClientOrderId ?? this.handId('web')
    const list = order.orderListId === undefined ? undefined : this.venue.store.list(order.orderListId)
    if (list !== undefined && isListOpen(list)) {
      for (const leg of list.legs) leg.cancelClientOrderId = cancelId
      this.matcher.cancelList(list)
    } else {
      order.cancelClientOrderId = cancelId
      this.matcher.cancel(order)
    }
    this.matcher.endChange()
    this.venue.faults.countWorld('externalCancels')
    return orderReport(order)
  }

  /** The person trading by hand places an order on the same account (Binance's `web_…`/`and_…` ids); refusals are Binance's errors. */
  handPlace(hand: HandOrder): OrderStatusReport {
    const order: NewOrder = {
      symbol: hand.symbol,
      clientOrderId: this.handId(hand.app ?? 'web'),
      side: hand.side,
      type: hand.type,
      quantity: hand.quantity,
      ...(hand.type === 'LIMIT' ? { price: hand.price, timeInForce: 'GTC' as const } : {})
    }
    const placed = enterOrder(this.venue, this.matcher, order, 'hand')
    this.venue.faults.countWorld('handOrdersPlaced')
    return orderReport(placed)
  }

  /** The person trading by hand cancels an open order (theirs, or any of the account's). */
  handCancel(ref: OrderRef): OrderStatusReport {
    const order = this.openOrder(ref)
    order.cancelClientOrderId = this.handId('web')
    this.matcher.cancel(order)
    this.matcher.endChange()
    this.venue.faults.countWorld('handOrdersCancelled')
    return orderReport(order)
  }

  /**
   * The exchange forgets one order, open or closed (and its list's other leg), as after a testnet
   * reset: queries answer -2013, cancels -2011, it leaves openOrders, allOrders and myTrades. What
   * an open order locked is unlocked (the balances event says so); no execution report is sent.
   */
  forgetOrder(ref: OrderRef): void {
    this.venue.symbol(ref.symbol)
    const order = this.venue.store.find(ref)
    if (order === undefined) throw venueErrors.orderDoesNotExist()
    for (const forgotten of this.venue.store.forget(order)) {
      if (!isOpen(forgotten) || forgotten.reservation === undefined) continue
      this.venue.balances.unlock(forgotten.reservation.asset, forgotten.reservation.releaseHolder(), this.venue.nowMs())
    }
    this.matcher.endChange()
    this.venue.faults.countWorld('ordersForgotten')
  }

  /**
   * A testnet reset: every order, list and trade is forgotten without an execution report, and the
   * balances become `balances` (the starting ones when omitted), all free. Order and trade ids go
   * on counting, so none is ever reused. The balances event lists what changed.
   */
  resetAccount(balances?: Readonly<Record<string, Decimal>>): void {
    this.venue.store.clear()
    this.venue.balances.resetTo(balances ?? this.startingBalances, this.venue.nowMs())
    this.matcher.endChange()
    this.venue.faults.countWorld('accountResets')
  }

  /**
   * The market gaps to `price`: a public trade of no volume prints there (it fills resting orders
   * in its way, as the print does), so the last price jumps while the average price, weighted by
   * volume, stays where the trades were. Returns true when it changed the account.
   */
  gap(symbol: string, price: Decimal, trade: (symbol: string, price: Decimal, quantity: Decimal) => boolean): boolean {
    this.venue.faults.countWorld('gaps')
    return trade(symbol, price, new Decimal(0))
  }

  /**
   * Sets a symbol's status (BREAK, HALT, CANCEL_ONLY, back to TRADING): exchangeInfo shows it, new
   * orders are refused with -2010 "Market is closed." while it is not TRADING, cancels still work,
   * and the book does not trade. With `durationMs` it returns to TRADING after that much clock time.
   */
  setSymbolStatus(symbol: string, status: string, durationMs?: number): void {
    this.venue.replaceSymbol(applyRulesChange(this.venue.symbol(symbol), { status }))
    if (status !== 'TRADING') this.venue.faults.countWorld('symbolBreaks')
    if (durationMs === undefined) return
    this.scheduled.push({
      atMs: this.venue.nowMs() + durationMs,
      apply: () => {
        if (this.venue.symbol(symbol).status === status) this.venue.replaceSymbol(applyRulesChange(this.venue.symbol(symbol), { status: 'TRADING' }))
      }
    })
  }

  /**
   * Changes a symbol's rules now, or at `atMs` of the clock: exchangeInfo shows the new rules and
   * new orders are validated by them; resting orders stay as they are.
   */
  changeRules(symbol: string, change: RulesChange, atMs?: number): void {
    this.venue.symbol(symbol)
    const apply = () => {
      this.venue.replaceSymbol(applyRulesChange(this.venue.symbol(symbol), change))
      this.venue.faults.countWorld('rulesChanges')
    }
    if (atMs === undefined || atMs <= this.venue.nowMs()) apply()
    else this.scheduled.push({ atMs, apply })
  }

  /** Refuses every signed call with -1021 for `durationMs` of clock time from now. */
  timestampBurst(durationMs: number): void {
    this.venue.faults.startTimestampBurst(this.venue.nowMs(), durationMs)
  }

  /** Makes the next order of ours on `symbol` that takes find only `liquidity` at the touch (and our own orders within its price in front). */
  thinBookNext(symbol: string, liquidity: Decimal): void {
    this.venue.symbol(symbol)
    this.venue.faults.thinBookNext(symbol, liquidity)
  }

  /** Returns the id of the request that cancelled an order when someone else did, if so. */
  externalCancelId(orderId: string): string | undefined {
    return this.venue.store.orderById(orderId)?.cancelClientOrderId
  }

  /** Returns a quantity of the symbol a person would click: a bit over the minimum notional at `price`, on the lot step. */
  handQuantity(symbol: string, price: Decimal, scale: number): Decimal {
    const rules = this.venue.symbol(symbol)
    const step = quantityStep(rules, 'LIMIT')
    const minNotional = rules.filters.notional?.minNotional ?? rules.filters.minNotional?.minNotional ?? new Decimal(0)
    const wanted = roundToStep(minNotional.mul(1.5 + scale).div(price), step, 'up')
    return Decimal.max(wanted, rules.filters.lotSize?.minQty ?? step, step)
  }

  private handId(app: 'web' | 'and'): ClientOrderId {
    let hex = ''
    for (let index = 0; index < 4; index += 1) hex += Math.floor(this.idRandom.next() * 0x1_0000_0000).toString(16).padStart(8, '0')
    return clientOrderId(`${app}_${hex}`)
  }

  private openOrder(ref: OrderRef): SimOrder {
    this.venue.symbol(ref.symbol)
    const order = this.venue.store.find(ref)
    if (order === undefined || !isOpen(order)) throw venueErrors.unknownOrderSent()
    return order
  }
}
