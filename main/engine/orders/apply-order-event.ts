import type { Result } from '@shared/api/result'
import { Decimal } from '@shared/money/decimal'
import type { Order, OrderCommand } from './order'
import type { OrderEvent } from './order-event'
import { ORDER_TRANSITIONS } from './order-status'
import { OrderTransitionError } from './order-transition-error'

/** Returns a new order for a command, before any event. */
export function initialOrder(command: OrderCommand, atMs: number): Order {
  return {
    command,
    status: 'INITIALIZED',
    filledQuantity: new Decimal(0),
    filledQuote: new Decimal(0),
    preventedQuantity: new Decimal(0),
    tradeIds: new Set(),
    events: [],
    updatedAtMs: atMs
  }
}

/**
 * Applies one event to an order through the transition table. Pure: returns the new order, or an
 * error for an invalid transition, a trade id already applied, a fill beyond the order quantity,
 * or an event naming another order. Never throws.
 */
export function applyOrderEvent(order: Order, event: OrderEvent): Result<Order, OrderTransitionError> {
  const id = order.command.clientOrderId
  const target = ORDER_TRANSITIONS[order.status][event.type]
  if (target === undefined) {
    return fail('invalid-transition', `${id}: ${event.type} does not apply to a ${order.status} order`)
  }
  const venueOrderId = 'venueOrderId' in event ? event.venueOrderId : undefined
  if (venueOrderId !== undefined && order.venueOrderId !== undefined && venueOrderId !== order.venueOrderId) {
    return fail('wrong-order', `${id}: event for exchange order ${venueOrderId}, but this order is ${order.venueOrderId}`)
  }
  let { filledQuantity, filledQuote, tradeIds, preventedQuantity } = order
  // The exchange reports the prevented quantity in all, so a replayed or late report changes nothing
  if (event.type === 'OrderPrevented') preventedQuantity = Decimal.max(preventedQuantity, event.quantity)
  if (event.type === 'OrderFilled') {
    if (tradeIds.has(event.tradeId)) return fail('duplicate-trade', `${id}: trade ${event.tradeId} is already applied`)
    filledQuantity = filledQuantity.add(event.quantity)
    if (filledQuantity.gt(order.command.quantity)) {
      return fail('overfill', `${id}: trade ${event.tradeId} would fill ${filledQuantity.toFixed()} of ${order.command.quantity.toFixed()}`)
    }
    filledQuote = filledQuote.add(event.price.mul(event.quantity))
    tradeIds = new Set([...tradeIds, event.tradeId])
  }
  const status =
    target === 'BY_FILLED_QUANTITY' ? (filledQuantity.gte(order.command.quantity) ? 'FILLED' : 'PARTIALLY_FILLED') : target
  return {
    ok: true,
    value: {
      ...order,
      status,
      venueOrderId: order.venueOrderId ?? venueOrderId,
      filledQuantity,
      filledQuote,
      preventedQuantity,
      tradeIds,
      events: [...order.events, event],
      updatedAtMs: Math.max(order.updatedAtMs, event.atMs)
    }
  }
}

function fail(problem: OrderTransitionError['problem'], message: string): { ok: false; error: OrderTransitionError } {
  return { ok: false, error: new OrderTransitionError(problem, message) }
}
