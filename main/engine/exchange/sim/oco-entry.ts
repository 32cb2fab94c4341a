import { Decimal } from '@shared/money/decimal'
import type { NewOcoList, OcoLeg } from '../port/new-order'
import { validateOrderList, type OrderRequest } from '../rules'
import type { Matcher } from './matcher'
import { checkOcoLegTypes, checkOcoPrices, legUnitPrice } from './oco-rules'
import { Reservation } from './reservation'
import type { SimOrderList } from './sim-order-list'
import type { SimOrder } from './sim-order'
import type { SimVenue } from './sim-venue'
import { STOP_TYPES } from './stop-trigger'
import { checkTimeInForce } from './time-in-force-check'
import { venueErrors } from './venue-errors'
import { violationError } from './violation-error'

/**
 * Places an OCO list the way Binance's orderList/oco does: leg types, each leg's parameters and
 * filters (both legs count against the open-order filters), ocoAllowed, the price relationship
 * against the last price, unique ids, then funds. The list's quantity is locked once and shared
 * by both legs. Emits NEW for each leg, the list status, then the balances.
 */
export function enterOcoList(venue: SimVenue, matcher: Matcher, list: NewOcoList): SimOrderList {
  const rules = venue.symbol(list.symbol)
  checkTimeInForce(list.above.type, list.above.timeInForce, 'aboveTimeInForce')
  checkTimeInForce(list.below.type, list.below.timeInForce, 'belowTimeInForce')
  checkOcoLegTypes(list)
  const legs = [legRequest(list, list.above), legRequest(list, list.below)]
  const refusal = violationError(validateOrderList(rules, { kind: 'OCO', legs }, venue.orderContext(rules)).violations)
  if (refusal !== undefined) throw refusal
  const last = venue.lastPrice(list.symbol)
  checkOcoPrices(list, last)
  if (
    venue.store.openListByClientId(list.listClientOrderId) !== undefined ||
    list.above.clientOrderId === list.below.clientOrderId ||
    venue.store.isClientIdOpen(list.above.clientOrderId) ||
    venue.store.isClientIdOpen(list.below.clientOrderId)
  ) {
    throw venueErrors.duplicateOrder()
  }
  const reservation =
    list.side === 'SELL'
      ? new Reservation(rules.baseAsset, list.quantity, undefined, 2)
      : new Reservation(rules.quoteAsset, list.quantity, Decimal.max(legUnitPrice(list.above), legUnitPrice(list.below)), 2)
  if (venue.balances.free(reservation.asset).lt(reservation.amount())) throw venueErrors.insufficientBalance()

  const nowMs = venue.nowMs()
  const orderListId = venue.ids.nextListId()
  const makeLeg = (leg: OcoLeg): SimOrder => ({
    symbol: list.symbol,
    orderId: venue.ids.nextOrderId(),
    clientOrderId: leg.clientOrderId,
    side: list.side,
    type: leg.type,
    timeInForce: leg.timeInForce,
    price: leg.price,
    stopPrice: leg.stopPrice,
    orderListId,
    createdAtMs: nowMs,
    origQty: list.quantity,
    executedQty: new Decimal(0),
    cumulativeQuoteQty: new Decimal(0),
    status: 'NEW',
    expiryReason: undefined,
    updatedAtMs: nowMs,
    working: !STOP_TYPES.has(leg.type),
    priority: venue.ids.nextPriority(),
    reservation,
    preventedQty: new Decimal(0),
    origin: 'api',
    cancelClientOrderId: undefined
  })
  const simList: SimOrderList = {
    symbol: list.symbol,
    orderListId,
    listClientOrderId: list.listClientOrderId,
    legs: [makeLeg(list.above), makeLeg(list.below)],
    listStatusType: 'EXEC_STARTED',
    listOrderStatus: 'EXECUTING',
    updatedAtMs: nowMs
  }
  for (const leg of simList.legs) venue.store.add(leg)
  venue.store.addList(simList)
  venue.balances.lock(reservation.asset, reservation.amount(), nowMs)
  for (const leg of simList.legs) matcher.report('NEW', leg)
  matcher.reportList(simList)
  matcher.endChange()
  return simList
}

function legRequest(list: NewOcoList, leg: OcoLeg): OrderRequest {
  return {
    side: list.side,
    type: leg.type,
    quantity: list.quantity,
    ...(leg.price !== undefined ? { price: leg.price } : {}),
    ...(leg.stopPrice !== undefined ? { stopPrice: leg.stopPrice } : {})
  }
}
