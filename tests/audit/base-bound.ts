import { Decimal } from '@shared/money/decimal'
import { parseOrderId } from '../../main/engine/grid/trader/client-order-ids'
import type { BotView } from './bot-view'
import type { Epoch } from './epochs'
import { iso } from './level-orders'
import { lotStep } from './min-order-quantity'

const ZERO = new Decimal(0)

/**
 * Checks, at every trade of the bot on the exchange, that it never held more base than its grid
 * and acquisitions allow: its allocation, plus what its acquisitions and deadlock rebalances
 * bought, plus its grid trades (bought less sold), within one lot step. (How much the grid itself
 * may buy is bounded by its plan; see the gap history.) An acquisition must also precede a plan:
 * the base a plan's SELLs need is bought right before it is laid out.
 */
export function checkBaseBound(view: BotView, epochs: readonly Epoch[]): string[] {
  const violations: string[] = []
  const { baseAsset } = view.rules
  const tolerance = lotStep(view.rules)
  let held = view.allocation.base
  let allowed = view.allocation.base
  const orders = new Map(view.orders.map((order) => [order.orderId as string, order]))
  for (const trade of [...view.trades].sort((a, b) => a.timeMs - b.timeMs || Number(BigInt(a.tradeId) - BigInt(b.tradeId)))) {
    const kind = parseOrderId(trade.orderClientId)?.tag.kind
    const sign = trade.side === 'BUY' ? 1 : -1
    held = held.add(trade.quantity.mul(sign)).sub(trade.commissionAsset === baseAsset ? trade.commission : ZERO)
    const counted = kind === 'level' || (trade.side === 'BUY' && (kind === 'acquire' || kind === 'rebalance'))
    if (counted) allowed = allowed.add(trade.quantity.mul(sign))
    if (held.gt(allowed.add(tolerance))) {
      violations.push(`at ${iso(trade.timeMs)} it held ${held.toFixed()} ${baseAsset}, more than its allocation, acquisitions, rebalances and grid trades allow (${allowed.toFixed()}); trade ${trade.tradeId} ${trade.side} ${trade.quantity.toFixed()} of ${trade.orderClientId}`)
      return violations
    }
  }
  const lastPlanMs = epochs[epochs.length - 1]?.planTimeMs ?? Number.NEGATIVE_INFINITY
  for (const order of orders.values()) {
    if (parseOrderId(order.clientOrderId)?.tag.kind === 'acquire' && order.createdAtMs > lastPlanMs) {
      violations.push(`acquisition ${order.clientOrderId} (${order.side} ${order.executedQty.toFixed()} ${baseAsset}) came after the last plan was laid out, at ${iso(order.createdAtMs)}`)
    }
  }
  return violations
}
