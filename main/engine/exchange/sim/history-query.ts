import type { OrderHistoryQuery, TradeQuery } from '../port/exchange'
import type { FillReport } from '../port/order-report'
import type { SimOrder } from './sim-order'
import { venueErrors } from './venue-errors'

/** Binance's default and largest page of orders and trades. */
export const DEFAULT_LIMIT = 500
/** The largest page Binance serves. */
export const MAX_LIMIT = 1000

/** Returns the page size, or throws -1130 when it is outside 1…1000. */
export function pageLimit(limit: number | undefined): number {
  const value = limit ?? DEFAULT_LIMIT
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_LIMIT) throw venueErrors.invalidParameter('limit')
  return value
}

/**
 * Selects past orders as Binance's allOrders does: from startTimeMs on, the oldest `limit`; without
 * it, the most recent `limit`. Oldest first either way.
 */
export function selectOrders(orders: readonly SimOrder[], query: OrderHistoryQuery): SimOrder[] {
  const limit = pageLimit(query.limit)
  if (query.startTimeMs === undefined) return orders.slice(-limit)
  const start = query.startTimeMs
  return orders.filter((order) => order.createdAtMs >= start).slice(0, limit)
}

/**
 * Selects our trades as Binance's myTrades does: by orderId (optionally from a trade id), from a
 * trade id, or from startTimeMs — the oldest `limit` of those; with none of them, the most recent
 * `limit`. startTimeMs does not combine with orderId or fromTradeId (-1128).
 */
export function selectTrades(fills: readonly FillReport[], query: TradeQuery): FillReport[] {
  const limit = pageLimit(query.limit)
  if (query.startTimeMs !== undefined && (query.orderId !== undefined || query.fromTradeId !== undefined)) throw venueErrors.badParameterCombination()
  const fromId = query.fromTradeId === undefined ? undefined : BigInt(query.fromTradeId)
  if (query.orderId === undefined && fromId === undefined && query.startTimeMs === undefined) return fills.slice(-limit)
  return fills
    .filter(
      (fill) =>
        (query.orderId === undefined || fill.orderId === query.orderId) &&
        (fromId === undefined || BigInt(fill.tradeId) >= fromId) &&
        (query.startTimeMs === undefined || fill.timeMs >= query.startTimeMs)
    )
    .slice(0, limit)
}
