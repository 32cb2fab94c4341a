import type { OrderStatusReport } from '../../main/engine/exchange/port/order-report'

/** Checks that no client order id was used by two orders in the account's whole history (any symbol). */
export function checkClientIdReuse(orders: Iterable<readonly OrderStatusReport[]>): string[] {
  const byId = new Map<string, OrderStatusReport[]>()
  for (const symbolOrders of orders) for (const order of symbolOrders) byId.set(order.clientOrderId, [...(byId.get(order.clientOrderId) ?? []), order])
  return [...byId]
    .filter(([, used]) => used.length > 1)
    .map(([id, used]) => `client order id ${id} was used by ${used.length} orders: ${used.map((order) => `${order.symbol} #${order.orderId} ${order.side} ${order.status}`).join(', ')}`)
}
