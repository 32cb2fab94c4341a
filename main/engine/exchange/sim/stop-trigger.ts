import type { Decimal } from '@shared/money/decimal'
import type { OrderSide, OrderType } from '../rules'

/** Order types that wait for a trigger price before they work. */
export const STOP_TYPES: ReadonlySet<OrderType> = new Set(['STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'])

/** Stop types that execute as MARKET once triggered. */
export const MARKET_STOP_TYPES: ReadonlySet<OrderType> = new Set(['STOP_LOSS', 'TAKE_PROFIT'])

/**
 * Returns true when a trade at `tradePrice` triggers the stop: STOP_LOSS(_LIMIT) SELL and
 * TAKE_PROFIT(_LIMIT) BUY at or below the stop price, STOP_LOSS(_LIMIT) BUY and
 * TAKE_PROFIT(_LIMIT) SELL at or above it.
 */
export function isTriggeredAt(type: OrderType, side: OrderSide, stopPrice: Decimal, tradePrice: Decimal): boolean {
  const isStopLoss = type === 'STOP_LOSS' || type === 'STOP_LOSS_LIMIT'
  const triggersBelow = isStopLoss === (side === 'SELL')
  return triggersBelow ? tradePrice.lte(stopPrice) : tradePrice.gte(stopPrice)
}

/**
 * Returns true when a limit order at `price` would take against the last price: a BUY above it or
 * a SELL below it. An order exactly at the last price rests (the simulator has no spread, so the
 * last price is the touch on both sides and an order there joins the queue as maker).
 */
export function crossesLast(side: OrderSide, price: Decimal, lastPrice: Decimal): boolean {
  return side === 'BUY' ? price.gt(lastPrice) : price.lt(lastPrice)
}
