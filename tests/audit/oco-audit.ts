import type { OrderListReport } from '../../main/engine/exchange/port/order-list-report'
import { parseOrderId } from '../../main/engine/grid/trader/client-order-ids'
import type { BotView } from './bot-view'
import { isLive } from './level-orders'

/**
 * Checks the bot's OCO lists: at most one is open on the exchange; an open one is the backstop the
 * journal keeps, with both legs known; and every list the journal knows (its legs' intents) exists
 * on the exchange as the journal says — a leg the journal holds placed is open there, a leg it
 * recorded as done is closed there.
 */
export function checkOcoLists(view: BotView, openLists: readonly OrderListReport[]): string[] {
  const violations: string[] = []
  const lists = openLists.filter((list) => list.symbol === view.symbol && parseOrderId(list.listClientOrderId)?.botId === view.botId)
  if (lists.length > 1) violations.push(`${lists.length} OCO lists are open on the exchange (${lists.map((list) => list.listClientOrderId).join(', ')}); a bot keeps at most one`)
  const intents = new Map(view.intents.map((intent) => [intent.intentId, intent]))
  for (const list of lists) {
    if (list.listClientOrderId !== view.backstopListId) {
      violations.push(`OCO list ${list.listClientOrderId} is open on the exchange, but the journal keeps ${view.backstopListId ?? 'no list'} as the bot's backstop`)
    }
    for (const leg of list.orders) {
      if (intents.get(leg.clientOrderId)?.listId !== list.listClientOrderId) violations.push(`OCO list ${list.listClientOrderId} has leg ${leg.clientOrderId}, which the journal does not know as its leg`)
    }
  }
  const orders = new Map(view.orders.map((order) => [order.clientOrderId as string, order]))
  for (const intent of view.intents) {
    if (intent.listId === null || intent.listId === undefined) continue
    const order = orders.get(intent.intentId)
    if (intent.status === 'placed' && (order === undefined || !isLive(order))) {
      violations.push(`OCO list ${intent.listId}: the journal holds leg ${intent.intentId} open, the exchange ${order === undefined ? 'has no such order' : `shows it ${order.status}`}`)
    }
    if (intent.status === 'done' && order !== undefined && isLive(order)) {
      violations.push(`OCO list ${intent.listId}: the journal recorded leg ${intent.intentId} as done, the exchange shows it ${order.status}`)
    }
  }
  return violations
}
