import { Decimal } from '@shared/money/decimal'
import { roundToStep } from '@shared/money/step'
import { quantityStep } from '../rules'
import type { Matcher } from './matcher'
import { isOpen, remainingQty, type SimOrder } from './sim-order'
import type { SimVenue } from './sim-venue'
import { crossesLast, MARKET_STOP_TYPES } from './stop-trigger'

/**
 * Returns the account's own resting orders an order of ours could trade against, best first
 * (price, then time): working LIMIT-priced orders of the other side on the same symbol within the
 * order's limit price (any price for a market order); with `aheadOnly`, only those priced better
 * than the last price (they stand in front of the market's liquidity at the touch).
 */
export function ownOrdersInReach(venue: SimVenue, order: SimOrder, limit: Decimal | undefined, aheadOnly: boolean): SimOrder[] {
  const last = venue.lastPrice(order.symbol)
  return venue.store
    .openOrders(order.symbol)
    .filter((other) => {
      if (other === order || other.side === order.side || !other.working || other.price === undefined || MARKET_STOP_TYPES.has(other.type)) return false
      if (limit !== undefined && crossesLast(order.side, other.price, limit)) return false
      // A resting SELL below the last price (a BUY above it) is ahead of everyone at the touch
      return !aheadOnly || crossesLast(other.side, other.price, last)
    })
    .sort((a, b) => (order.side === 'BUY' ? (a.price as Decimal).comparedTo(b.price as Decimal) : (b.price as Decimal).comparedTo(a.price as Decimal)) || a.priority - b.priority)
}

/**
 * Works an order of ours that may take liquidity, in the trades fill model. As deep as usual, the
 * book has unbounded liquidity at the last price, in front of everything: a crossing order fills
 * there whole. In a thin book (a queued `thinBookNext`, or `thinBookRate`) the matching engine
 * walks it: the account's own orders priced better than the last price first, with self-trade
 * prevention deciding what meets them; then the market's liquidity at the last price (a part of
 * the order); then the account's own orders further on within the limit. What is left expires
 * (MARKET: INSUFFICIENT_LIQUIDITY, IOC: UNFILLED_IOC_QUANTITY_EXPIRED) or rests (GTC); a FOK
 * the thin book cannot fill expires whole. Returns false when there was nothing to take (the
 * order neither crosses nor meets an own order), leaving the order as it was.
 */
export function takeLiquidity(venue: SimVenue, matcher: Matcher, order: SimOrder, limit: Decimal | undefined): boolean {
  const last = venue.lastPrice(order.symbol)
  const crosses = limit === undefined || crossesLast(order.side, limit, last)
  if (!crosses && ownOrdersInReach(venue, order, limit, false).length === 0) return false
  const thin = venue.faults.thinBook(order.symbol, remainingQty(order))
  if (thin === undefined) {
    if (!crosses) return false
    matcher.fill(order, remainingQty(order), last, false)
    return true
  }
  if (order.timeInForce === 'FOK' && thin.lt(remainingQty(order))) {
    matcher.expire(order, 'UNFILLED_FOK_ORDER_EXPIRED')
    return true
  }
  const met = new Set<SimOrder>()
  for (const own of ownOrdersInReach(venue, order, limit, true)) {
    if (!isOpen(order)) return true
    met.add(own)
    matcher.selfMatch(order, own)
  }
  if (!isOpen(order)) return true
  if (crosses) {
    const step = quantityStep(venue.symbol(order.symbol), order.type === 'MARKET' ? 'MARKET' : 'LIMIT')
    const available = Decimal.min(remainingQty(order), roundToStep(thin, step, 'down'))
    if (available.gt(0)) matcher.fill(order, available, last, false)
  }
  for (const own of ownOrdersInReach(venue, order, limit, false)) {
    if (!isOpen(order)) return true
    if (!met.has(own) && isOpen(own)) matcher.selfMatch(order, own)
  }
  if (!isOpen(order)) return true
  if (limit === undefined) matcher.expire(order, 'INSUFFICIENT_LIQUIDITY')
  else if (order.timeInForce === 'IOC') matcher.expire(order, 'UNFILLED_IOC_QUANTITY_EXPIRED')
  return true
}
