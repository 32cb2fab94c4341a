import type { Decimal } from '@shared/money/decimal'
import type { OrderSide } from '../rules/order-request'
import type { OrderType } from '../rules/symbol-rules'
import type { ClientOrderId, VenueOrderId } from './identifiers'
import type { TimeInForce } from './order-report'

/** A new order to place, with our deterministic client order id. Money as exact decimals. */
export interface NewOrder {
  readonly symbol: string
  readonly clientOrderId: ClientOrderId
  readonly side: OrderSide
  readonly type: OrderType
  readonly quantity?: Decimal
  readonly quoteOrderQty?: Decimal
  readonly price?: Decimal
  readonly stopPrice?: Decimal
  /** Required for LIMIT, STOP_LOSS_LIMIT and TAKE_PROFIT_LIMIT; not sent otherwise. */
  readonly timeInForce?: TimeInForce
}

/** Names one order: by our id, by the exchange's id, or both. */
export interface OrderRef {
  readonly symbol: string
  readonly clientOrderId?: ClientOrderId
  readonly orderId?: VenueOrderId
}

/** A new OCO list (Binance `orderList/oco`): one leg above the price, one below, same quantity. */
export interface NewOcoList {
  readonly symbol: string
  readonly listClientOrderId: ClientOrderId
  readonly side: OrderSide
  readonly quantity: Decimal
  readonly above: OcoLeg
  readonly below: OcoLeg
}

/** One leg of an OCO list. */
export interface OcoLeg {
  readonly clientOrderId: ClientOrderId
  readonly type: 'LIMIT_MAKER' | 'STOP_LOSS' | 'STOP_LOSS_LIMIT' | 'TAKE_PROFIT' | 'TAKE_PROFIT_LIMIT'
  readonly price?: Decimal
  readonly stopPrice?: Decimal
  readonly timeInForce?: TimeInForce
}
