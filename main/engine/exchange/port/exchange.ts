import type { Decimal } from '@shared/money/decimal'
import type { ExchangeRules } from '../rules/symbol-rules'
import type { AccountSnapshot } from './account'
import type { BookTicker } from './book-ticker'
import type { TradeId, VenueOrderId } from './identifiers'
import type { AveragePrice, Candle, TradeTick } from './market-event'
import type { NewOcoList, NewOrder, OrderRef } from './new-order'
import type { OrderListReport } from './order-list-report'
import type { FillReport, OrderStatusReport } from './order-report'
import type { UserEvent } from './user-event'

/** Stops a subscription. */
export type Unsubscribe = () => void

/**
 * Which trades of a symbol to list, as Binance's myTrades takes them: of one order, from a trade
 * id on (the oldest first), from a time on, up to a time (the latest up to it), or both times.
 */
export interface TradeQuery {
  readonly symbol: string
  readonly orderId?: VenueOrderId
  readonly fromTradeId?: TradeId
  readonly startTimeMs?: number
  readonly endTimeMs?: number
  readonly limit?: number
}

/**
 * Which past orders of a symbol to list, as Binance's allOrders takes them: from an order id on
 * or from a time on, the oldest first; otherwise the latest (up to `endTimeMs` when given).
 */
export interface OrderHistoryQuery {
  readonly symbol: string
  /** The first order id to list (Binance's `orderId`). */
  readonly fromOrderId?: VenueOrderId
  readonly startTimeMs?: number
  readonly endTimeMs?: number
  readonly limit?: number
}

/**
 * The engine's port to an exchange: Binance Spot semantics in venue-neutral, exact-decimal types.
 * Every method rejects with a typed error: ExchangeRejectedError (the exchange refused; nothing
 * happened), ExchangeRetryableError (not executed; try again after `retryAfterMs`),
 * OutcomeUnknownError (may or may not have happened; resolve by querying, never by resending) or
 * OrderNotFoundError (the order is unknown to the exchange).
 */
export interface Exchange {
  /** Returns the exchange's rules for the given symbols (all symbols when omitted). */
  exchangeInfo(symbols?: readonly string[]): Promise<ExchangeRules>
  /** Returns the exchange's clock in milliseconds. */
  serverTimeMs(): Promise<number>
  /** Returns the account's balances. */
  account(): Promise<AccountSnapshot>
  /** Returns the latest traded price of a symbol. */
  lastPrice(symbol: string): Promise<Decimal>
  /**
   * Returns a symbol's average price over its `avgPriceMins` (Binance `GET /api/v3/avgPrice`):
   * the price PERCENT_PRICE(_BY_SIDE) and MARKET notional are checked against. It lags the last
   * price after a gap, so an order priced off the last price can break the band.
   */
  avgPrice(symbol: string): Promise<AveragePrice>
  /** Returns the best bid and ask of a symbol (where an order at the touch is priced). */
  bookTicker(symbol: string): Promise<BookTicker>

  /** Places one order; resolves with its state right after placement (fills included). */
  placeOrder(order: NewOrder): Promise<OrderStatusReport>
  /** Cancels one open order; resolves with its final state. */
  cancelOrder(ref: OrderRef): Promise<OrderStatusReport>
  /** Cancels every open order and order list of a symbol; resolves with what was cancelled. */
  cancelAllOrders(symbol: string): Promise<readonly OrderStatusReport[]>
  /** Returns one order's state, open or not. */
  queryOrder(ref: OrderRef): Promise<OrderStatusReport>
  /** Returns the account's open orders on a symbol. May lag fills: never act on it alone. */
  openOrders(symbol: string): Promise<readonly OrderStatusReport[]>
  /** Returns past and open orders of a symbol, oldest first. */
  allOrders(query: OrderHistoryQuery): Promise<readonly OrderStatusReport[]>
  /** Returns the account's trades on a symbol, oldest first. */
  myTrades(query: TradeQuery): Promise<readonly FillReport[]>

  /** Places an OCO order list. */
  placeOcoList(list: NewOcoList): Promise<OrderListReport>
  /** Cancels an order list by its list client order id. */
  cancelOrderList(symbol: string, listClientOrderId: string): Promise<OrderListReport>
  /** Returns the account's open order lists (all symbols). */
  openOrderLists(): Promise<readonly OrderListReport[]>

  /** Delivers user-data events (order changes, balances, stream status) until unsubscribed. */
  subscribeUserEvents(listener: (event: UserEvent) => void): Unsubscribe
  /** Delivers public trades of a symbol until unsubscribed. */
  subscribeTrades(symbol: string, listener: (tick: TradeTick) => void): Unsubscribe
  /** Returns recent closed candles of a symbol, oldest first. */
  klines(symbol: string, interval: string, limit: number): Promise<readonly Candle[]>
}
