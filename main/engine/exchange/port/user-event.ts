import type { Balance } from './account'
import type { OrderListReport } from './order-list-report'
import type { FillReport, OrderStatusReport } from './order-report'

/** What happened to an order in one execution report (Binance's execution type `x`). */
export type ExecutionType = 'NEW' | 'CANCELED' | 'REPLACED' | 'REJECTED' | 'TRADE' | 'EXPIRED' | 'TRADE_PREVENTION'

/** An order changed: its state after the change, and the trade when the change was one. */
export interface ExecutionEvent {
  readonly type: 'execution'
  readonly executionType: ExecutionType
  readonly report: OrderStatusReport
  readonly fill?: FillReport
  readonly eventTimeMs: number
}

/** Balances that may have changed (Binance outboundAccountPosition): only the assets listed. */
export interface BalancesEvent {
  readonly type: 'balances'
  readonly balances: readonly Balance[]
  readonly eventTimeMs: number
}

/** An order list changed. */
export interface ListStatusEvent {
  readonly type: 'list-status'
  readonly list: OrderListReport
  readonly eventTimeMs: number
}

/**
 * The user-data stream itself changed: connected (a reconnect means events may have been missed
 * and a reconciliation is due) or disconnected.
 */
export interface StreamEvent {
  readonly type: 'stream'
  readonly status: 'connected' | 'disconnected'
  readonly reason: string
  readonly eventTimeMs: number
}

/** Anything the user-data stream delivers. */
export type UserEvent = ExecutionEvent | BalancesEvent | ListStatusEvent | StreamEvent
