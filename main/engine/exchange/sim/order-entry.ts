import { Decimal } from '@shared/money/decimal'
import type { NewOrder } from '../port/new-order'
import { quantityStep, validateOrder, type OrderRequest, type SymbolRules } from '../rules'
import { roundToStep } from '@shared/money/step'
import type { Matcher } from './matcher'
import { Reservation } from './reservation'
import type { OrderOrigin, SimOrder } from './sim-order'
import type { SimVenue } from './sim-venue'
import { crossesLast, isTriggeredAt, MARKET_STOP_TYPES, STOP_TYPES } from './stop-trigger'
import { checkTimeInForce } from './time-in-force-check'
import { venueErrors } from './venue-errors'
import { violationError } from './violation-error'

/**
 * Places one order the way Binance's API and matching engine would: parameters, filters and
 * symbol rules first, then duplicate ids, LIMIT_MAKER and stop placement rules, then funds.
 * A refused order leaves no trace; an accepted one is stored, its funds locked, NEW emitted,
 * and it works at once (MARKET and crossing LIMIT fill as taker at the last price).
 */
export function enterOrder(venue: SimVenue, matcher: Matcher, order: NewOrder, origin: OrderOrigin = 'api'): SimOrder {
  const rules = venue.symbol(order.symbol)
  checkTimeInForce(order.type, order.timeInForce)
  const request: OrderRequest = {
    side: order.side,
    type: order.type,
    ...(order.quantity !== undefined ? { quantity: order.quantity } : {}),
    ...(order.quoteOrderQty !== undefined ? { quoteOrderQty: order.quoteOrderQty } : {}),
    ...(order.price !== undefined ? { price: order.price } : {}),
    ...(order.stopPrice !== undefined ? { stopPrice: order.stopPrice } : {})
  }
  const refusal = violationError(validateOrder(rules, request, venue.orderContext(rules)).violations)
  if (refusal !== undefined) throw refusal
  const last = venue.lastPrice(order.symbol)
  const quantity = order.quantity ?? quoteQuantityToBase(venue, rules, request, last)

  if (venue.store.isClientIdOpen(order.clientOrderId)) throw venueErrors.duplicateOrder()
  if (order.type === 'LIMIT_MAKER' && venue.fillModel === 'trades' && crossesLast(order.side, order.price as Decimal, last)) throw venueErrors.wouldMatchAndTake()
  if (STOP_TYPES.has(order.type) && isTriggeredAt(order.type, order.side, order.stopPrice as Decimal, last)) throw venueErrors.wouldTriggerImmediately()
  const reservation = reserve(venue, rules, order, quantity, last)

  const nowMs = venue.nowMs()
  const simOrder: SimOrder = {
    symbol: order.symbol,
    orderId: venue.ids.nextOrderId(),
    clientOrderId: order.clientOrderId,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    price: order.price,
    stopPrice: order.stopPrice,
    orderListId: undefined,
    createdAtMs: nowMs,
    origQty: quantity,
    executedQty: new Decimal(0),
    cumulativeQuoteQty: new Decimal(0),
    status: 'NEW',
    expiryReason: undefined,
    updatedAtMs: nowMs,
    working: !STOP_TYPES.has(order.type),
    priority: venue.ids.nextPriority(),
    reservation,
    preventedQty: new Decimal(0),
    origin,
    cancelClientOrderId: undefined
  }
  venue.store.add(simOrder)
  if (reservation !== undefined) venue.balances.lock(reservation.asset, reservation.amount(), nowMs)
  matcher.report('NEW', simOrder)
  if (order.type === 'MARKET') matcher.executeAtMarket(simOrder)
  else if (simOrder.working) matcher.activate(simOrder)
  matcher.endChange()
  return simOrder
}

/** Turns a MARKET order's quoteOrderQty into a base quantity on the lot step and checks its lot filters. */
function quoteQuantityToBase(venue: SimVenue, rules: SymbolRules, request: OrderRequest, last: Decimal): Decimal {
  const quantity = roundToStep((request.quoteOrderQty as Decimal).div(last), quantityStep(rules, 'MARKET'), 'down')
  if (quantity.isZero()) throw venueErrors.filterFailure('LOT_SIZE')
  const lotViolations = validateOrder(rules, { side: request.side, type: 'MARKET', quantity }, venue.orderContext(rules)).violations.filter(
    (violation) => violation.filter === 'LOT_SIZE' || violation.filter === 'MARKET_LOT_SIZE'
  )
  const refusal = violationError(lotViolations)
  if (refusal !== undefined) throw refusal
  return quantity
}

/**
 * Returns the lock an order needs, after checking the free balance covers it: a SELL locks its
 * base quantity; a BUY locks price × quantity of quote (a STOP_LOSS/TAKE_PROFIT BUY uses its stop
 * price, the best estimate of its cost before it triggers). A MARKET order locks nothing but needs
 * its cost free: quantity × last price, or its quoteOrderQty.
 */
function reserve(venue: SimVenue, rules: SymbolRules, order: NewOrder, quantity: Decimal, last: Decimal): Reservation | undefined {
  if (order.type === 'MARKET') {
    const need = order.side === 'SELL' ? quantity : (order.quoteOrderQty ?? quantity.mul(last))
    const asset = order.side === 'SELL' ? rules.baseAsset : rules.quoteAsset
    if (venue.balances.free(asset).lt(need)) throw venueErrors.insufficientBalance()
    return undefined
  }
  const unitPrice = MARKET_STOP_TYPES.has(order.type) ? order.stopPrice : order.price
  const reservation =
    order.side === 'SELL' ? new Reservation(rules.baseAsset, quantity, undefined) : new Reservation(rules.quoteAsset, quantity, unitPrice as Decimal)
  if (venue.balances.free(reservation.asset).lt(reservation.amount())) throw venueErrors.insufficientBalance()
  return reservation
}
