import { Decimal } from '@shared/money/decimal'
import type { ClientOrderId, VenueOrderId } from '../port/identifiers'
import { FINAL_STATUSES, type OrderStatusReport, type TimeInForce, type VenueOrderStatus } from '../port/order-report'
import type { OrderSide, OrderType } from '../rules'
import type { Reservation } from './reservation'

/** One order inside the simulator: mutable, changed only by the matcher and through `moveTo`. */
export interface SimOrder {
  readonly symbol: string
  readonly orderId: VenueOrderId
  readonly clientOrderId: ClientOrderId
  readonly side: OrderSide
  readonly type: OrderType
  readonly timeInForce: TimeInForce | undefined
  readonly price: Decimal | undefined
  readonly stopPrice: Decimal | undefined
  readonly orderListId: string | undefined
  readonly createdAtMs: number
  origQty: Decimal
  executedQty: Decimal
  cumulativeQuoteQty: Decimal
  status: VenueOrderStatus
  expiryReason: string | undefined
  updatedAtMs: number
  /** A stop waits for its trigger until this is true; other orders work from the start. */
  working: boolean
  /** Time priority on the book: lower goes first at the same price. */
  priority: number
  reservation: Reservation | undefined
  /** Quantity self-trade prevention took out of the order (Binance's preventedQuantity). */
  preventedQty: Decimal
  /** Who placed it: the API (our engine) or the person trading by hand on the same account. */
  readonly origin: OrderOrigin
  /** The id of the request that cancelled it when someone else did (the website's `web_…` id). */
  cancelClientOrderId: string | undefined
}

/** Who placed an order on the simulated account. */
export type OrderOrigin = 'api' | 'hand'

/** Returns the quantity still to fill. */
export function remainingQty(order: SimOrder): Decimal {
  return order.origQty.sub(order.executedQty).sub(order.preventedQty)
}

/** Returns true while the order can still trade or be cancelled. */
export function isOpen(order: SimOrder): boolean {
  return !FINAL_STATUSES.has(order.status)
}

/**
 * Moves an order to a new status. Leaving a final status is a broken invariant of the simulator
 * (a filled or cancelled order never comes back), so it throws.
 */
export function moveTo(order: SimOrder, status: VenueOrderStatus, nowMs: number): void {
  if (!isOpen(order)) throw new Error(`simulator invariant broken: order ${order.orderId} is ${order.status}, cannot become ${status}`)
  order.status = status
  order.updatedAtMs = nowMs
}

/** Returns the order as the exchange would report it now (an immutable snapshot). */
export function orderReport(order: SimOrder): OrderStatusReport {
  return {
    symbol: order.symbol,
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    side: order.side,
    type: order.type,
    status: order.status,
    price: order.price ?? new Decimal(0),
    ...(order.stopPrice !== undefined ? { stopPrice: order.stopPrice } : {}),
    origQty: order.origQty,
    executedQty: order.executedQty,
    cumulativeQuoteQty: order.cumulativeQuoteQty,
    timeInForce: order.timeInForce ?? 'GTC',
    ...(order.orderListId !== undefined ? { orderListId: order.orderListId } : {}),
    ...(order.expiryReason !== undefined ? { expiryReason: order.expiryReason } : {}),
    ...(order.preventedQty.gt(0) ? { preventedQuantity: order.preventedQty } : {}),
    createdAtMs: order.createdAtMs,
    updatedAtMs: order.updatedAtMs
  }
}
