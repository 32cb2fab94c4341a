import type { Decimal } from '@shared/money/decimal'
import type { ExchangeFilters, OrderType } from './symbol-rules'

/** Order side. */
export type OrderSide = 'BUY' | 'SELL'

/** The order-shaping parameters of a new order, as they would be sent. */
export interface OrderRequest {
  readonly side: OrderSide
  readonly type: OrderType
  readonly quantity?: Decimal
  /** MARKET only: spend (BUY) or receive (SELL) this much quote instead of a base quantity. */
  readonly quoteOrderQty?: Decimal
  readonly price?: Decimal
  readonly stopPrice?: Decimal
  /** Trailing delta in basis points. */
  readonly trailingDelta?: number
  readonly icebergQty?: Decimal
}

/**
 * What the exchange's checks depend on beyond the order itself. A check whose input is absent
 * here is not guessed: it is listed as unchecked in the validation result.
 */
export interface OrderContext {
  /**
   * The price Binance checks PERCENT_PRICE(_BY_SIDE) and MARKET notional against: the symbol's
   * reference price when it has one, else its average price over avgPriceMins.
   */
  readonly referencePrice?: Decimal
  /** Open orders of the account on this symbol (order-list legs included). */
  readonly symbolOpenOrders?: number
  readonly symbolOpenAlgoOrders?: number
  readonly symbolOpenIcebergOrders?: number
  readonly symbolOpenOrderLists?: number
  /** Open orders of the account on all symbols. */
  readonly accountOpenOrders?: number
  readonly accountOpenAlgoOrders?: number
  readonly accountOpenIcebergOrders?: number
  readonly accountOpenOrderLists?: number
  /** MAX_POSITION's position: free + locked base asset plus the quantity of open BUY orders. */
  readonly basePosition?: Decimal
  /** The account-wide exchange filters from the same exchangeInfo. */
  readonly exchangeFilters?: ExchangeFilters
}

/** Order types that have no limit price and execute at market once placed or triggered. */
export const MARKET_PRICED_TYPES: ReadonlySet<OrderType> = new Set(['MARKET', 'STOP_LOSS', 'TAKE_PROFIT'])

/** Order types that count against MAX_NUM_ALGO_ORDERS. */
export const ALGO_TYPES: ReadonlySet<OrderType> = new Set(['STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'])
