import type { Decimal } from '@shared/money/decimal'
import type { TradeId, VenueOrderId } from '../exchange/port/identifiers'

/** The order was handed to the exchange (the intent is durable before this). */
export interface OrderSubmitted {
  readonly type: 'OrderSubmitted'
  readonly atMs: number
}

/** The exchange accepted the order. */
export interface OrderAccepted {
  readonly type: 'OrderAccepted'
  readonly venueOrderId: VenueOrderId
  readonly atMs: number
}

/** The exchange refused the order; nothing was placed. */
export interface OrderRejected {
  readonly type: 'OrderRejected'
  readonly reason: string
  readonly atMs: number
}

/** One trade of the order. */
export interface OrderFilled {
  readonly type: 'OrderFilled'
  readonly tradeId: TradeId
  readonly venueOrderId: VenueOrderId
  readonly price: Decimal
  readonly quantity: Decimal
  readonly commission: Decimal
  readonly commissionAsset: string
  readonly isMaker: boolean
  readonly atMs: number
}

/** The order was cancelled (by us, or by the exchange on our request). */
export interface OrderCanceled {
  readonly type: 'OrderCanceled'
  readonly atMs: number
}

/** The exchange ended the order (IOC remainder, OCO trigger, price-range rule, …). */
export interface OrderExpired {
  readonly type: 'OrderExpired'
  readonly reason: string
  readonly atMs: number
}

/**
 * Self-trade prevention (DECREMENT) took `quantity` of the order out of the book in all (Binance's
 * preventedQuantity): that much will never trade, and the exchange no longer locks it.
 */
export interface OrderPrevented {
  readonly type: 'OrderPrevented'
  readonly quantity: Decimal
  readonly atMs: number
}

/** Anything that can happen to an order. */
export type OrderEvent = OrderSubmitted | OrderAccepted | OrderRejected | OrderFilled | OrderCanceled | OrderExpired | OrderPrevented

/** The kind of an order event. */
export type OrderEventType = OrderEvent['type']
