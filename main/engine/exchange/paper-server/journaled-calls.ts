import { isOutcomeUnknownError } from '../errors/outcome-unknown-error'
import type { NewOcoList, NewOrder, OrderRef } from '../port/new-order'
import type { OrderListReport } from '../port/order-list-report'
import type { OrderStatusReport } from '../port/order-report'
import type { PaperContext } from './paper-context'

/**
 * The simulator calls that change the account, recorded in the journal when the server keeps
 * one (a placement with the last price it saw, which its replay sets first). A call that fails with an unknown outcome (-1007) may still have acted; then the order is
 * looked up and recorded when it did.
 */
export async function placeOrder(context: PaperContext, order: NewOrder): Promise<OrderStatusReport> {
  const journal = context.journal
  if (journal === undefined) return context.exchange.placeOrder(order)
  const before = await find(context, { symbol: order.symbol, clientOrderId: order.clientOrderId })
  // Read right before the call: the simulator acts synchronously at this very time and price
  const timeMs = context.clock.nowMs()
  const lastPrice = context.exchange.knownLastPrice(order.symbol)
  try {
    const report = await context.clock.runAt(timeMs, () => context.exchange.placeOrder(order))
    journal.place(timeMs, order, lastPrice)
    return report
  } catch (error) {
    if (isOutcomeUnknownError(error)) {
      const after = await find(context, { symbol: order.symbol, clientOrderId: order.clientOrderId })
      if (after !== undefined && after.orderId !== before?.orderId) journal.place(timeMs, order, lastPrice)
    }
    throw error
  }
}

/** Cancels one order (by exchange id) and records it with the cancel request's id. */
export async function cancelOrder(context: PaperContext, ref: OrderRef & { orderId: NonNullable<OrderRef['orderId']> }, cancelId: string): Promise<OrderStatusReport> {
  const journal = context.journal
  if (journal === undefined) return context.exchange.cancelOrder(ref)
  const timeMs = context.clock.nowMs()
  try {
    const report = await context.clock.runAt(timeMs, () => context.exchange.cancelOrder(ref))
    journal.cancel(timeMs, ref.symbol, ref.orderId, cancelId)
    return report
  } catch (error) {
    if (isOutcomeUnknownError(error)) {
      const after = await find(context, ref)
      if (after?.status === 'CANCELED' && after.updatedAtMs === timeMs) journal.cancel(timeMs, ref.symbol, ref.orderId, cancelId)
    }
    throw error
  }
}

/** Cancels every open order and list of a symbol, recording one cancel per open order. */
export async function cancelAllOrders(context: PaperContext, symbol: string): Promise<readonly OrderStatusReport[]> {
  const journal = context.journal
  const timeMs = context.clock.nowMs()
  const cancelled = await context.clock.runAt(timeMs, () => context.exchange.cancelAllOrders(symbol))
  if (journal !== undefined) {
    const lists = new Set<string>()
    for (const report of cancelled) {
      // A leg's cancel cancels its whole list, so only the first leg of each list is recorded
      if (report.orderListId !== undefined && lists.has(report.orderListId)) continue
      if (report.orderListId !== undefined) lists.add(report.orderListId)
      journal.cancel(timeMs, symbol, report.orderId, context.annotations.cancelId(report.orderId) ?? '')
    }
  }
  return cancelled
}

/** Places an OCO list and records it with the last price it saw. */
export async function placeOcoList(context: PaperContext, list: NewOcoList): Promise<OrderListReport> {
  const timeMs = context.clock.nowMs()
  const lastPrice = context.exchange.knownLastPrice(list.symbol)
  const report = await context.clock.runAt(timeMs, () => context.exchange.placeOcoList(list))
  context.journal?.oco(timeMs, list, lastPrice)
  return report
}

/** Cancels an order list and records it with the cancel request's id. */
export async function cancelOrderList(context: PaperContext, symbol: string, listClientOrderId: string, cancelId: string): Promise<OrderListReport> {
  const timeMs = context.clock.nowMs()
  const report = await context.clock.runAt(timeMs, () => context.exchange.cancelOrderList(symbol, listClientOrderId))
  context.journal?.cancelList(timeMs, symbol, listClientOrderId, cancelId)
  return report
}

async function find(context: PaperContext, ref: OrderRef): Promise<OrderStatusReport | undefined> {
  try {
    return await context.exchange.queryOrder(ref)
  } catch {
    return undefined
  }
}
