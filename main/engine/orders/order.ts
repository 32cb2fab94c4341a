import type { Decimal } from '@shared/money/decimal'
import type { ClientOrderId, TradeId, VenueOrderId } from '../exchange/port/identifiers'
import type { OrderSide } from '../exchange/rules/order-request'
import type { OrderType } from '../exchange/rules/symbol-rules'
import type { OrderEvent } from './order-event'
import type { OrderStatus } from './order-status'

/** What was asked for: the order as the engine built it. */
export interface OrderCommand {
  readonly clientOrderId: ClientOrderId
  readonly botId: string
  readonly symbol: string
  readonly side: OrderSide
  readonly type: OrderType
  readonly quantity: Decimal
  readonly price?: Decimal
  readonly stopPrice?: Decimal
}

/** An order: its command and the fold of its events. */
export interface Order {
  readonly command: OrderCommand
  readonly status: OrderStatus
  readonly venueOrderId?: VenueOrderId
  readonly filledQuantity: Decimal
  /** Σ price × quantity of the fills. */
  readonly filledQuote: Decimal
  /** What self-trade prevention took out of the book (it will not trade, and is not locked). */
  readonly preventedQuantity: Decimal
  readonly tradeIds: ReadonlySet<TradeId>
  readonly events: readonly OrderEvent[]
  readonly updatedAtMs: number
}
