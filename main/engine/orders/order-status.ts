import type { OrderEventType } from './order-event'

/** An order's status in the engine: the fold of its events. */
export type OrderStatus =
  | 'INITIALIZED'
  | 'SUBMITTED'
  | 'ACCEPTED'
  | 'PARTIALLY_FILLED'
  | 'FILLED'
  | 'CANCELED'
  | 'EXPIRED'
  | 'REJECTED'

/** Statuses after which no new order event changes the status. */
export const CLOSED_STATUSES: ReadonlySet<OrderStatus> = new Set(['FILLED', 'CANCELED', 'EXPIRED', 'REJECTED'])

/** What a transition leads to: a status, or "by quantity" (FILLED when complete, else PARTIALLY_FILLED). */
export type TransitionTarget = OrderStatus | 'BY_FILLED_QUANTITY'

/**
 * The only place order statuses change: (status, event) → next status. A pair that is absent is
 * an invalid transition, which the engine logs and ignores. Every unusual edge says why it exists.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, Partial<Record<OrderEventType, TransitionTarget>>>> = {
  INITIALIZED: {
    OrderSubmitted: 'SUBMITTED',
    // Recovered by reconciliation: the process died after sending, before recording the send
    OrderAccepted: 'ACCEPTED',
    OrderRejected: 'REJECTED',
    OrderFilled: 'BY_FILLED_QUANTITY',
    OrderCanceled: 'CANCELED',
    OrderExpired: 'EXPIRED'
  },
  SUBMITTED: {
    OrderAccepted: 'ACCEPTED',
    OrderRejected: 'REJECTED',
    // Real-world: the user-data stream can report a fill before the placement response arrives
    OrderFilled: 'BY_FILLED_QUANTITY',
    // A MARKET or IOC order can end before its acknowledgement is processed
    OrderCanceled: 'CANCELED',
    OrderExpired: 'EXPIRED'
  },
  ACCEPTED: {
    // Real-world: the response and the NEW event both report the acceptance
    OrderAccepted: 'ACCEPTED',
    // Self-trade prevention took part of it out of the book; the rest still rests
    OrderPrevented: 'ACCEPTED',
    OrderFilled: 'BY_FILLED_QUANTITY',
    OrderCanceled: 'CANCELED',
    OrderExpired: 'EXPIRED'
  },
  PARTIALLY_FILLED: {
    // Real-world: a late NEW event after the first fill was processed
    OrderAccepted: 'PARTIALLY_FILLED',
    OrderPrevented: 'PARTIALLY_FILLED',
    OrderFilled: 'BY_FILLED_QUANTITY',
    OrderCanceled: 'CANCELED',
    OrderExpired: 'EXPIRED'
  },
  FILLED: {
    // Real-world: a late NEW event after the fill; the order stays filled
    OrderAccepted: 'FILLED',
    // A report of an order that ended tells what self-trade prevention took, after the fact
    OrderPrevented: 'FILLED'
  },
  CANCELED: {
    // Real-world: a fill that happened before the cancel can be reported after it
    OrderFilled: 'CANCELED',
    OrderAccepted: 'CANCELED',
    OrderPrevented: 'CANCELED'
  },
  EXPIRED: {
    // Real-world: as after a cancel, a trade can be reported after the expiry
    OrderFilled: 'EXPIRED',
    OrderAccepted: 'EXPIRED',
    OrderPrevented: 'EXPIRED'
  },
  REJECTED: {}
}
