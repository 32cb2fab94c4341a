import { Decimal } from '@shared/money/decimal'
import { roundToStep } from '@shared/money/step'
import type { FillReport } from '../port/order-report'
import type { ExecutionType } from '../port/user-event'
import { quantityStep } from '../rules'
import { BNB, bnbCommissionFor, bnbPriceIn, commissionFor } from './commission'
import { finishList, isListOpen, orderListReport, type SimOrderList } from './sim-order-list'
import { isOpen, moveTo, orderReport, remainingQty, type SimOrder } from './sim-order'
import type { SimVenue } from './sim-venue'
import { isTriggeredAt, MARKET_STOP_TYPES, STOP_TYPES } from './stop-trigger'
import { takeLiquidity } from './taker'

/**
 * The matching engine: fills, expiries, cancels, stop triggers and OCO contingency, with the
 * balance settlement and user events of each. One call is one change; `endChange` closes it with
 * a balances event for the assets it touched.
 */
export class Matcher {
  constructor(private readonly venue: SimVenue) {}

  /** Emits an execution report of the order's current state. */
  report(executionType: ExecutionType, order: SimOrder, fill?: FillReport): void {
    this.venue.stream.emit({
      type: 'execution',
      executionType,
      report: orderReport(order),
      ...(fill !== undefined ? { fill } : {}),
      eventTimeMs: this.venue.nowMs()
    })
  }

  /** Emits a list-status event of the list's current state. */
  reportList(list: SimOrderList): void {
    this.venue.stream.emit({ type: 'list-status', list: orderListReport(list), eventTimeMs: this.venue.nowMs() })
  }

  /** Closes one change: emits a balances event for the assets it changed, if any. */
  endChange(): void {
    const balances = this.venue.balances.takeChanged()
    if (balances.length > 0) this.venue.stream.emit({ type: 'balances', balances, eventTimeMs: this.venue.nowMs() })
  }

  /**
   * Fills `quantity` of the order at `price` and settles balances and commission: charged on what
   * the account receives (base for a BUY, quote for a SELL), or in BNB at a discount when the
   * account pays fees with BNB (always with BNB burn on, or at random) and holds enough of it.
   */
  fill(order: SimOrder, quantity: Decimal, price: Decimal, isMaker: boolean): void {
    const venue = this.venue
    const rules = venue.symbol(order.symbol)
    const nowMs = venue.nowMs()
    const quoteQuantity = price.mul(quantity)
    const rate = isMaker ? venue.fees.maker : venue.fees.taker
    const reservation = order.reservation
    const received = order.side === 'BUY' ? { asset: rules.baseAsset, amount: quantity } : { asset: rules.quoteAsset, amount: quoteQuantity }
    const fee = this.commission(rules.quoteAsset, received, quoteQuantity, rate)
    if (order.side === 'BUY') {
      if (reservation !== undefined) {
        const taken = reservation.take(quantity)
        if (quoteQuantity.gt(taken)) throw new Error(`simulator invariant broken: fill cost ${quoteQuantity.toFixed()} exceeds its lock ${taken.toFixed()}`)
        venue.balances.spendLocked(rules.quoteAsset, quoteQuantity, nowMs)
        venue.balances.unlock(rules.quoteAsset, taken.sub(quoteQuantity), nowMs)
      } else {
        venue.balances.spendFree(rules.quoteAsset, quoteQuantity, nowMs)
      }
    } else if (reservation !== undefined) {
      reservation.take(quantity)
      venue.balances.spendLocked(rules.baseAsset, quantity, nowMs)
    } else {
      venue.balances.spendFree(rules.baseAsset, quantity, nowMs)
    }
    if (fee.asset === received.asset) {
      venue.balances.credit(received.asset, received.amount.sub(fee.amount), nowMs)
    } else {
      venue.balances.credit(received.asset, received.amount, nowMs)
      venue.balances.spendFree(fee.asset, fee.amount, nowMs)
    }
    order.executedQty = order.executedQty.add(quantity)
    order.cumulativeQuoteQty = order.cumulativeQuoteQty.add(quoteQuantity)
    moveTo(order, remainingQty(order).isZero() ? 'FILLED' : 'PARTIALLY_FILLED', nowMs)
    const fill: FillReport = {
      symbol: order.symbol,
      tradeId: venue.ids.nextTradeId(),
      orderId: order.orderId,
      clientOrderId: order.clientOrderId,
      side: order.side,
      price,
      quantity,
      quoteQuantity,
      commission: fee.amount,
      commissionAsset: fee.asset,
      isMaker,
      timeMs: nowMs
    }
    venue.store.addFill(fill)
    if (!isOpen(order)) this.release(order)
    this.report('TRADE', order, fill)
    this.contingency(order)
  }

  /**
   * Self-trade prevention between an order of ours that takes and a resting order of the same
   * account, by the symbol's STP mode (the taker's): NONE trades them against each other at the
   * resting price; EXPIRE_MAKER, EXPIRE_TAKER and EXPIRE_BOTH expire the named order(s) with
   * EXPIRED_IN_MATCH; DECREMENT (and TRANSFER, within one account) takes the smaller remainder out
   * of both and expires whichever has nothing left.
   */
  selfMatch(taker: SimOrder, maker: SimOrder): void {
    const mode = this.venue.stpMode(taker.symbol)
    const price = maker.price as Decimal
    const quantity = Decimal.min(remainingQty(taker), remainingQty(maker))
    switch (mode) {
      case 'EXPIRE_MAKER':
        this.expireInMatch(maker)
        break
      case 'EXPIRE_TAKER':
        this.expireInMatch(taker)
        break
      case 'EXPIRE_BOTH':
        this.expireInMatch(maker)
        this.expireInMatch(taker)
        break
      case 'DECREMENT':
      case 'TRANSFER':
        this.decrement(maker, quantity)
        this.decrement(taker, quantity)
        break
      default: {
        // NONE (or a mode this simulator does not know): the self-trade happens
        const affordable = this.affordable(taker, quantity, price)
        if (affordable.isZero()) {
          this.expire(taker, 'REJECTED')
          return
        }
        this.fill(taker, affordable, price, false)
        this.fill(maker, affordable, price, true)
        return
      }
    }
    this.venue.faults.countWorld('selfTradesPrevented')
  }

  /** Ends an open order by self-trade prevention: its remainder is prevented, its status EXPIRED_IN_MATCH. */
  expireInMatch(order: SimOrder): void {
    if (!isOpen(order)) return
    order.preventedQty = order.preventedQty.add(remainingQty(order))
    moveTo(order, 'EXPIRED_IN_MATCH', this.venue.nowMs())
    this.release(order)
    this.report('TRADE_PREVENTION', order)
    this.contingency(order)
  }

  /** Expires an open order with Binance's expiry reason. */
  expire(order: SimOrder, reason: string): void {
    moveTo(order, 'EXPIRED', this.venue.nowMs())
    order.expiryReason = reason
    this.release(order)
    this.report('EXPIRED', order)
  }

  /** Cancels an open order. */
  cancel(order: SimOrder): void {
    moveTo(order, 'CANCELED', this.venue.nowMs())
    this.release(order)
    this.report('CANCELED', order)
  }

  /** Cancels every open leg of an executing list and ends the list. */
  cancelList(list: SimOrderList): void {
    for (const leg of list.legs) if (isOpen(leg)) this.cancel(leg)
    this.endList(list)
  }

  /**
   * Puts a working limit order to work at the last price: it takes at once when it crosses
   * (see takeLiquidity; in a thin book also when an own order of the other side is within its
   * price), expires when IOC/FOK and it took nothing, or rests.
   */
  activate(order: SimOrder): void {
    if (this.venue.fillModel === 'trades' && takeLiquidity(this.venue, this, order, order.price as Decimal)) return
    if (order.timeInForce === 'IOC') this.expire(order, 'UNFILLED_IOC_QUANTITY_EXPIRED')
    else if (order.timeInForce === 'FOK') this.expire(order, 'UNFILLED_FOK_ORDER_EXPIRED')
  }

  /** Executes the rest of a market-priced order as taker: the book at the last price (see takeLiquidity); the candles model fills it whole there. */
  executeAtMarket(order: SimOrder): void {
    if (this.venue.fillModel === 'trades') takeLiquidity(this.venue, this, order, undefined)
    else this.fill(order, remainingQty(order), this.venue.lastPrice(order.symbol), false)
  }

  /**
   * Lets one public trade act on a symbol's book: resting BUYs at or above the price and SELLs at
   * or below it fill as makers at their own price (price priority, then time priority), each side
   * limited by the trade's quantity on the lot step; then stops whose trigger the price meets fire.
   * Returns how many orders it acted on (fills and triggers); zero means the account is unchanged.
   */
  onTrade(symbol: string, price: Decimal, quantity: Decimal): number {
    const step = quantityStep(this.venue.symbol(symbol), 'LIMIT')
    const resting = this.venue.store.openOrders(symbol).filter((order) => order.working && order.price !== undefined && !MARKET_STOP_TYPES.has(order.type))
    const bids = resting
      .filter((order) => order.side === 'BUY' && (order.price as Decimal).gte(price))
      .sort((a, b) => (b.price as Decimal).comparedTo(a.price as Decimal) || a.priority - b.priority)
    const asks = resting
      .filter((order) => order.side === 'SELL' && (order.price as Decimal).lte(price))
      .sort((a, b) => (a.price as Decimal).comparedTo(b.price as Decimal) || a.priority - b.priority)
    let acted = this.fillFromLiquidity(bids, quantity, step) + this.fillFromLiquidity(asks, quantity, step)

    const stops = this.venue.store
      .openOrders(symbol)
      .filter((order) => !order.working && STOP_TYPES.has(order.type))
      .sort((a, b) => a.priority - b.priority)
    for (const stop of stops) {
      if (!isOpen(stop) || stop.working) continue
      if (!isTriggeredAt(stop.type, stop.side, stop.stopPrice as Decimal, price)) continue
      this.trigger(stop)
      this.endChange()
      acted += 1
    }
    return acted
  }

  /**
   * The candle fill model's price move from `from` to `to` (one leg of a candle's path): in the
   * order the leg reaches them, every stop whose trigger the leg meets triggers, and every working
   * LIMIT whose price lies on the leg fills completely at its own price as maker; a stop-limit
   * triggered on the way fills later on the leg if its price is still ahead. Orders entered during
   * the current candle are passed over: they wait for the next one. Ends at `to`.
   */
  sweep(symbol: string, from: Decimal, to: Decimal): void {
    const rising = to.gt(from)
    let position = from
    // Bounded: every step fills or triggers an open order, and each order does either at most once
    for (let step = 0; step < 10_000; step += 1) {
      const next = this.nextOnLeg(symbol, position, to, rising)
      if (next === undefined) break
      position = next.price
      // A market stop executes where it triggered
      this.venue.lastPrices.set(symbol, position)
      if (next.order.working) this.fill(next.order, remainingQty(next.order), next.order.price as Decimal, true)
      else this.trigger(next.order)
      this.endChange()
    }
    this.venue.lastPrices.set(symbol, to)
  }

  /** The first fill or trigger the leg from `position` to `to` reaches, ties by time priority. */
  private nextOnLeg(symbol: string, position: Decimal, to: Decimal, rising: boolean): { order: SimOrder; price: Decimal } | undefined {
    const ahead = (price: Decimal) => (rising ? price.gte(position) && price.lte(to) : price.lte(position) && price.gte(to))
    let best: { order: SimOrder; price: Decimal } | undefined
    for (const order of this.venue.store.openOrders(symbol)) {
      if (!this.venue.enteredBeforeCandle(order.orderId)) continue
      let price: Decimal | undefined
      if (order.working) {
        if (order.price !== undefined && !MARKET_STOP_TYPES.has(order.type) && ahead(order.price)) price = order.price
      } else if (STOP_TYPES.has(order.type)) {
        const stop = order.stopPrice as Decimal
        // The first point of the leg where the stop's condition holds
        if (isTriggeredAt(order.type, order.side, stop, position)) price = position
        else if (isTriggeredAt(order.type, order.side, stop, to)) price = stop
      }
      if (price === undefined) continue
      const earlier = best === undefined || (rising ? price.lt(best.price) : price.gt(best.price)) || (price.eq(best.price) && order.priority < best.order.priority)
      if (earlier) best = { order, price }
    }
    return best
  }

  private fillFromLiquidity(orders: readonly SimOrder[], quantity: Decimal, step: Decimal): number {
    let liquidity = quantity
    let filled = 0
    for (const order of orders) {
      if (!isOpen(order)) continue
      const available = roundToStep(liquidity, step, 'down')
      if (available.lte(0)) break
      const fillQuantity = Decimal.min(remainingQty(order), available)
      this.fill(order, fillQuantity, order.price as Decimal, true)
      liquidity = liquidity.sub(fillQuantity)
      this.endChange()
      filled += 1
    }
    return filled
  }

  private trigger(order: SimOrder): void {
    const venue = this.venue
    order.working = true
    order.priority = venue.ids.nextPriority()
    order.updatedAtMs = venue.nowMs()
    this.contingency(order)
    if (!MARKET_STOP_TYPES.has(order.type)) {
      this.activate(order)
      return
    }
    if (order.side === 'SELL') {
      this.executeAtMarket(order)
      return
    }
    // A market BUY's cost is known only now: free its lock and pay from free funds, as MARKET does
    const rules = venue.symbol(order.symbol)
    const released = order.reservation?.releaseHolder() ?? new Decimal(0)
    order.reservation = undefined
    venue.balances.unlock(rules.quoteAsset, released, venue.nowMs())
    const cost = remainingQty(order).mul(venue.lastPrice(order.symbol))
    if (venue.balances.free(rules.quoteAsset).lt(cost)) {
      this.expire(order, 'REJECTED')
      return
    }
    this.executeAtMarket(order)
  }

  /** An OCO leg traded or triggered: the other leg expires and the list is done. */
  private contingency(order: SimOrder): void {
    if (order.orderListId === undefined) return
    const list = this.venue.store.list(order.orderListId)
    if (list === undefined || !isListOpen(list)) return
    for (const leg of list.legs) if (leg !== order && isOpen(leg)) this.expire(leg, 'OCO_TRIGGER')
    const unitPrice = order.price ?? order.stopPrice
    if (order.reservation !== undefined && isOpen(order) && unitPrice !== undefined) {
      const rules = this.venue.symbol(order.symbol)
      const excess = order.reservation.retarget(unitPrice)
      this.venue.balances.unlock(rules.quoteAsset, excess, this.venue.nowMs())
    }
    this.endList(list)
  }

  private commission(quoteAsset: string, received: { asset: string; amount: Decimal }, quoteQuantity: Decimal, rate: Decimal): { asset: string; amount: Decimal } {
    const venue = this.venue
    const settings = venue.commission
    // One draw per fill, whatever the settings, so a seed replays the same
    const atRandom = venue.faults.bnbCommission()
    if (settings.bnbBurn || atRandom) {
      const bnbPrice = bnbPriceIn(quoteAsset, venue.lastPrices, settings)
      if (bnbPrice !== undefined && bnbPrice.gt(0)) {
        const amount = bnbCommissionFor(quoteQuantity, rate, settings.bnbDiscount, bnbPrice)
        const available = venue.balances.free(BNB).add(received.asset === BNB ? received.amount : 0)
        if (amount.gt(0) && available.gte(amount)) {
          venue.faults.countWorld('commissionInBnb')
          return { asset: BNB, amount }
        }
      }
    }
    return { asset: received.asset, amount: commissionFor(received.amount, rate) }
  }

  /**
   * The part of `quantity` a taker can pay at `price`: all of it, except for a market BUY (which
   * locked nothing) whose free quote runs short when a thin book makes it pay more than the last price.
   */
  private affordable(taker: SimOrder, quantity: Decimal, price: Decimal): Decimal {
    if (taker.side !== 'BUY' || taker.reservation !== undefined) return quantity
    const rules = this.venue.symbol(taker.symbol)
    const free = this.venue.balances.free(rules.quoteAsset)
    if (free.gte(quantity.mul(price))) return quantity
    return roundToStep(free.div(price), quantityStep(rules, taker.type), 'down')
  }

  private decrement(order: SimOrder, quantity: Decimal): void {
    // A leg shares its lock with the other leg, so its remainder is expired whole
    if (quantity.gte(remainingQty(order)) || order.orderListId !== undefined) {
      this.expireInMatch(order)
      return
    }
    order.preventedQty = order.preventedQty.add(quantity)
    order.updatedAtMs = this.venue.nowMs()
    const reservation = order.reservation
    if (reservation !== undefined) this.venue.balances.unlock(reservation.asset, reservation.take(quantity), this.venue.nowMs())
    this.report('TRADE_PREVENTION', order)
  }

  /** Ends an order list: done, out of the open lists, reported. */
  endList(list: SimOrderList): void {
    finishList(list, this.venue.nowMs())
    this.venue.store.listDone(list)
    this.reportList(list)
  }

  private release(order: SimOrder): void {
    const reservation = order.reservation
    if (reservation !== undefined) {
      const rest = reservation.releaseHolder()
      this.venue.balances.unlock(reservation.asset, rest, this.venue.nowMs())
    }
    this.venue.store.closed(order)
  }
}
