import type { BotView } from './bot-view'
import { isLive } from './level-orders'

/**
 * Checks that the journal holds what the exchange recorded of the bot, and nothing it did not:
 * every trade of the bot's orders is a fill of the journal with the same numbers, and every fill
 * is a trade; every order of the bot has an intent; an intent the journal holds placed is open on
 * the exchange and one it holds closed is closed there, one it thinks never went out is not
 * there, and a known exchange id matches.
 * (OCO legs are checked with their lists.)
 */
export function checkJournalCompleteness(view: BotView): string[] {
  const violations: string[] = []
  const fills = new Map(view.fills.map((fill) => [fill.tradeId, fill]))
  const trades = new Map(view.trades.map((trade) => [trade.tradeId as string, trade]))
  for (const trade of view.trades) {
    const fill = fills.get(trade.tradeId)
    const what = `trade ${trade.tradeId} (${trade.side} ${trade.quantity.toFixed()} @ ${trade.price.toFixed()} of ${trade.orderClientId})`
    if (fill === undefined) {
      violations.push(`${what} is on the exchange but not in the journal`)
      continue
    }
    const same =
      fill.orderId === trade.orderId &&
      fill.clientOrderId === trade.orderClientId &&
      fill.side === trade.side &&
      trade.price.eq(fill.price) &&
      trade.quantity.eq(fill.quantity) &&
      trade.commission.eq(fill.commission) &&
      fill.commissionAsset === trade.commissionAsset
    if (!same) violations.push(`${what} differs in the journal: ${fill.side} ${fill.quantity} @ ${fill.price} of ${fill.clientOrderId}, fee ${fill.commission} ${fill.commissionAsset}`)
  }
  for (const fill of view.fills) {
    if (!trades.has(fill.tradeId)) violations.push(`fill ${fill.tradeId} (${fill.side} ${fill.quantity} @ ${fill.price} of ${fill.clientOrderId}) is in the journal but not a trade of the bot on the exchange`)
  }
  const intents = new Map(view.intents.map((intent) => [intent.intentId, intent]))
  const orders = new Map(view.orders.map((order) => [order.clientOrderId as string, order]))
  for (const order of view.orders) {
    if (!intents.has(order.clientOrderId)) violations.push(`order ${order.clientOrderId} (${order.side} ${order.origQty.toFixed()} @ ${order.price.toFixed()}, ${order.status}) is on the exchange but the journal has no intent for it`)
  }
  for (const intent of view.intents) {
    if (intent.listId !== null && intent.listId !== undefined) continue
    const order = orders.get(intent.intentId)
    const what = `intent ${intent.intentId} (${intent.side} ${intent.quantity ?? intent.quoteOrderQty} ${intent.status})`
    if (intent.status === 'placed' && (order === undefined || !isLive(order))) violations.push(`${what}: the journal holds it open, the exchange ${order === undefined ? 'has no such order' : `shows it ${order.status}`}`)
    if (intent.status === 'done' && order !== undefined && isLive(order)) violations.push(`${what}: the journal holds it closed, the exchange shows it ${order.status}`)
    if (order !== undefined && (intent.status === 'pending' || intent.status === 'failed' || intent.status === 'rejected')) {
      violations.push(`${what}: the journal says it never went out, the exchange has it ${order.status}`)
    }
    if (order !== undefined && intent.venueOrderId !== null && intent.venueOrderId !== order.orderId) violations.push(`${what}: the journal has exchange id ${intent.venueOrderId}, the exchange ${order.orderId}`)
  }
  return violations
}
