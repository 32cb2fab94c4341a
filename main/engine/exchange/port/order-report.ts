import type { Decimal } from '@shared/money/decimal'
import type { OrderSide } from '../rules/order-request'
import type { OrderType } from '../rules/symbol-rules'
import type { ClientOrderId, TradeId, VenueOrderId } from './identifiers'

/** Order status as the exchange reports it (Binance Spot's enum). */
export type VenueOrderStatus =
  | 'NEW'
  | 'PENDING_NEW'
  | 'PARTIALLY_FILLED'
  | 'FILLED'
  | 'CANCELED'
  | 'PENDING_CANCEL'
  | 'REJECTED'
  | 'EXPIRED'
  | 'EXPIRED_IN_MATCH'

/** Statuses after which an order can change no more. */
export const FINAL_STATUSES: ReadonlySet<VenueOrderStatus> = new Set(['FILLED', 'CANCELED', 'REJECTED', 'EXPIRED', 'EXPIRED_IN_MATCH'])

/** Time in force of a limit order. */
export type TimeInForce = 'GTC' | 'IOC' | 'FOK'

/** One trade of one of our orders. */
export interface FillReport {
  readonly symbol: string
  readonly tradeId: TradeId
  readonly orderId: VenueOrderId
  /** Present in stream events; Binance's trade history (myTrades) does not carry it. */
  readonly clientOrderId?: ClientOrderId
  readonly side: OrderSide
  readonly price: Decimal
  readonly quantity: Decimal
  /** price × quantity, as the exchange computed it. */
  readonly quoteQuantity: Decimal
  readonly commission: Decimal
  readonly commissionAsset: string
  readonly isMaker: boolean
  readonly timeMs: number
}

/** The state of one order as the exchange reports it (a response, a query or an event). */
export interface OrderStatusReport {
  readonly symbol: string
  readonly orderId: VenueOrderId
  readonly clientOrderId: ClientOrderId
  readonly side: OrderSide
  readonly type: OrderType
  readonly status: VenueOrderStatus
  /** Limit price; zero for MARKET-priced orders. */
  readonly price: Decimal
  readonly stopPrice?: Decimal
  readonly origQty: Decimal
  readonly executedQty: Decimal
  readonly cumulativeQuoteQty: Decimal
  readonly timeInForce?: TimeInForce
  /** The order list this order belongs to, if any. */
  readonly orderListId?: string
  /** Why the exchange expired the order, when it did (Binance's expiryReason). */
  readonly expiryReason?: string
  /** Quantity self-trade prevention expired (Binance's preventedQuantity), when any. */
  readonly preventedQuantity?: Decimal
  readonly createdAtMs: number
  readonly updatedAtMs: number
  /** The trades a placement response carried (Binance's FULL response); absent elsewhere. */
  readonly fills?: readonly FillReport[]
}
