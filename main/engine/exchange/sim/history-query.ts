import type { OrderHistoryQuery, TradeQuery } from '../port/exchange'
import type { FillReport } from '../port/order-report'
import type { SimOrder } from './sim-order'
import { venueErrors } from './venue-errors'

/** Binance's default and largest page of orders and trades. */
export const DEFAULT_LIMIT = 500
/** The largest page Binance serves. */
export const MAX_LIMIT = 1000
/** The longest span from startTime to endTime a history query may ask for. */
export const MAX_WINDOW_MS = 24 * 60 * 60 * 1000

/** Which part of a history one page is taken from: ids from `fromId` on, times from `startTimeMs` to `endTimeMs`. */
export interface HistoryWindow {
  readonly fromId?: bigint
  readonly startTimeMs?: number
  readonly endTimeMs?: number
  readonly limit?: number
}

/** Returns the page size, or throws -1130 when it is outside 1…1000. */
export function pageLimit(limit: number | undefined): number {
  const value = limit ?? DEFAULT_LIMIT
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_LIMIT) throw venueErrors.invalidParameter('limit')
  return value
}

/**
 * Takes one page of a history kept oldest first, as Binance pages its own, over the whole of it:
 * from an id or from a time on, the oldest `limit`; otherwise the latest `limit` (up to
 * `endTimeMs` when given). Throws -1130 for a limit outside 1…1000, and -1127 when startTime and
 * endTime are more than 24 hours apart.
 */
export function historyPage<T>(items: readonly T[], window: HistoryWindow, idOf: (item: T) => string, timeOf: (item: T) => number): T[] {
  const limit = pageLimit(window.limit)
  const { fromId, startTimeMs, endTimeMs } = window
  if (startTimeMs !== undefined && endTimeMs !== undefined && endTimeMs - startTimeMs > MAX_WINDOW_MS) throw venueErrors.windowTooLong(MAX_WINDOW_MS / 3_600_000)
  const selected = items.filter(
    (item) =>
      (fromId === undefined || BigInt(idOf(item)) >= fromId) &&
      (startTimeMs === undefined || timeOf(item) >= startTimeMs) &&
      (endTimeMs === undefined || timeOf(item) <= endTimeMs)
  )
  return fromId !== undefined || startTimeMs !== undefined ? selected.slice(0, limit) : selected.slice(-limit)
}

/**
 * Selects past orders as Binance's allOrders does, over every order of the symbol: from
 * `fromOrderId` or from startTimeMs on, the oldest `limit`; otherwise the most recent `limit`
 * (up to endTimeMs when given). Oldest first either way.
 */
export function selectOrders(orders: readonly SimOrder[], query: OrderHistoryQuery): SimOrder[] {
  const window: HistoryWindow = {
    ...(query.fromOrderId !== undefined ? { fromId: BigInt(query.fromOrderId) } : {}),
    ...(query.startTimeMs !== undefined ? { startTimeMs: query.startTimeMs } : {}),
    ...(query.endTimeMs !== undefined ? { endTimeMs: query.endTimeMs } : {}),
    ...(query.limit !== undefined ? { limit: query.limit } : {})
  }
  return historyPage(orders, window, (order) => order.orderId, (order) => order.createdAtMs)
}

/**
 * Selects our trades as Binance's myTrades does, over every trade of the symbol: of one order
 * (optionally from a trade id), from a trade id, from startTimeMs (optionally to endTimeMs) —
 * the oldest `limit` of those; up to endTimeMs alone, or with none of them, the most recent
 * `limit`. A time does not combine with orderId or fromTradeId (-1128).
 */
export function selectTrades(fills: readonly FillReport[], query: TradeQuery): FillReport[] {
  const byTime = query.startTimeMs !== undefined || query.endTimeMs !== undefined
  if (byTime && (query.orderId !== undefined || query.fromTradeId !== undefined)) throw venueErrors.badParameterCombination()
  const window: HistoryWindow = {
    ...(query.fromTradeId !== undefined ? { fromId: BigInt(query.fromTradeId) } : {}),
    ...(query.startTimeMs !== undefined ? { startTimeMs: query.startTimeMs } : {}),
    ...(query.endTimeMs !== undefined ? { endTimeMs: query.endTimeMs } : {}),
    ...(query.limit !== undefined ? { limit: query.limit } : {})
  }
  const ofOrder = query.orderId === undefined ? fills : fills.filter((fill) => fill.orderId === query.orderId)
  // The trades of one order are listed from the oldest, as a trade id or a start time lists them
  return historyPage(ofOrder, query.orderId !== undefined && window.fromId === undefined ? { ...window, fromId: 0n } : window, (fill) => fill.tradeId, (fill) => fill.timeMs)
}
