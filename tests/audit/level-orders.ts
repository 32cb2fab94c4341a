import { Decimal } from '@shared/money/decimal'
import type { OrderStatusReport } from '../../main/engine/exchange/port/order-report'
import { FINAL_STATUSES } from '../../main/engine/exchange/port/order-report'
import { parseOrderId } from '../../main/engine/grid/trader/client-order-ids'
import type { BotView } from './bot-view'
import type { EpochMap } from './epochs'

/** A grid order on the exchange: the level and side its id names, and the grid it belongs to. */
export interface LevelOrder {
  readonly order: OrderStatusReport
  readonly level: number
  readonly side: 'BUY' | 'SELL'
  readonly epoch: number
}

/** Returns true while an order can still trade. */
export function isLive(order: OrderStatusReport): boolean {
  return !FINAL_STATUSES.has(order.status)
}

/**
 * Places each of the bot's grid orders on the exchange in its grid (by its intent; an order the
 * journal does not know goes to the grid laid out last before it was created) and checks it
 * against the plan: a LIMIT on the side its id names, at its level's price in that grid, on a
 * level the grid has. Then checks each new grid's start: every order of the grids before was
 * closed on the exchange before the first order of the new one was placed.
 */
export function levelOrdersOf(view: BotView, map: EpochMap, levelCount: number): { readonly orders: LevelOrder[]; readonly violations: string[] } {
  const violations: string[] = []
  const orders: LevelOrder[] = []
  for (const order of view.orders) {
    const tag = parseOrderId(order.clientOrderId)?.tag
    if (tag?.kind !== 'level') continue
    const epoch = map.epochOfIntent.get(order.clientOrderId) ?? epochAt(map, order.createdAtMs)
    orders.push({ order, level: tag.level, side: tag.side, epoch })
    const what = `order ${order.clientOrderId} (${order.side} ${order.origQty.toFixed()} @ ${order.price.toFixed()}, ${order.status})`
    if (order.side !== tag.side) violations.push(`${what} is a ${order.side} on the exchange, but its id names a ${tag.side} of level ${tag.level}`)
    if (order.type !== 'LIMIT') violations.push(`${what} is a ${order.type}; grid orders are LIMIT orders`)
    if (tag.level >= levelCount) {
      violations.push(`${what} names level ${tag.level}, but the grid has levels 0 to ${levelCount - 1}`)
      continue
    }
    const planned = map.epochs[epoch]?.prices.get(tag.level)
    if (planned === undefined) violations.push(`${what} is on level ${tag.level}, which has no planned price in grid ${epoch}`)
    else if (!onLevel(order.side, order.price, planned)) violations.push(`${what} is priced ${order.price.toFixed()}, but level ${tag.level} of grid ${epoch} is at ${planned.toFixed()}`)
  }
  violations.push(...checkGridStarts(orders))
  return { orders, violations }
}

/**
 * An order is on its level when it is at the level's price, or — after the exchange made the
 * tick coarser — at that price put on the coarser tick towards the safe side (a BUY below, a
 * SELL above) by less than one such tick. The tick it was placed on is read from its own price
 * (a multiple of that tick has no more decimals than it), so an order one tick off on an
 * unchanged tick is still found.
 */
function onLevel(side: 'BUY' | 'SELL', price: Decimal, planned: Decimal): boolean {
  if (price.eq(planned)) return true
  const tick = new Decimal(10).pow(-price.decimalPlaces())
  const off = side === 'BUY' ? planned.sub(price) : price.sub(planned)
  return planned.decimalPlaces() > price.decimalPlaces() && off.gt(0) && off.lt(tick)
}

function epochAt(map: EpochMap, timeMs: number): number {
  let found = 0
  for (const epoch of map.epochs) if (epoch.planTimeMs <= timeMs) found = epoch.index
  return found
}

function checkGridStarts(orders: readonly LevelOrder[]): string[] {
  const violations: string[] = []
  const reported = new Set<LevelOrder>()
  const epochs = [...new Set(orders.map((entry) => entry.epoch))].sort((a, b) => a - b)
  for (const epoch of epochs.slice(1)) {
    const firstMs = Math.min(...orders.filter((entry) => entry.epoch === epoch).map((entry) => entry.order.createdAtMs))
    for (const older of orders.filter((entry) => entry.epoch < epoch && !reported.has(entry))) {
      const { order } = older
      if (isLive(order) || order.updatedAtMs > firstMs) {
        reported.add(older)
        violations.push(
          `order ${order.clientOrderId} of grid ${older.epoch} (${order.side} @ ${order.price.toFixed()}) was still ${isLive(order) ? order.status : `open until ${iso(order.updatedAtMs)}`} ` +
            `when grid ${epoch} placed its first order at ${iso(firstMs)}: a re-plan must cancel the old grid first`
        )
      }
    }
  }
  return violations
}

/** Returns a time as ISO text, for violation lines. */
export function iso(timeMs: number): string {
  return new Date(timeMs).toISOString()
}
