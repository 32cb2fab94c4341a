import { Decimal } from '@shared/money/decimal'
import type { AccountTrade } from './exchange-history'
import type { Epoch } from './epochs'
import { isLive, type LevelOrder } from './level-orders'

/** A side of an order. */
export type Side = 'BUY' | 'SELL'

/** What one side of one level did in one grid, as the exchange shows it. */
export interface SideFlow {
  /** Quantity its orders traded. */
  readonly filled: Decimal
  /** Commission its BUY trades paid in the base asset (it shrinks what the counter SELL owes). */
  readonly baseFees: Decimal
  /** Quantity its open orders still offer. */
  readonly live: Decimal
  readonly trades: readonly AccountTrade[]
  readonly orders: readonly LevelOrder[]
}

/** One grid's quantities per level and side: planned, traded and offered now. */
export interface EpochFlows {
  readonly epoch: Epoch
  readonly levelCount: number
  plan(level: number, side: Side): Decimal
  flow(level: number, side: Side): SideFlow
}

const ZERO = new Decimal(0)

/** Adds up a grid's orders and trades per level and side. */
export function epochFlows(epoch: Epoch, levelCount: number, orders: readonly LevelOrder[], trades: readonly AccountTrade[], baseAsset: string): EpochFlows {
  const flows = new Map<string, { filled: Decimal; baseFees: Decimal; live: Decimal; trades: AccountTrade[]; orders: LevelOrder[] }>()
  const entry = (level: number, side: Side) => {
    const key = `${level}:${side}`
    let found = flows.get(key)
    if (found === undefined) {
      found = { filled: ZERO, baseFees: ZERO, live: ZERO, trades: [], orders: [] }
      flows.set(key, found)
    }
    return found
  }
  const byOrderId = new Map<string, LevelOrder>()
  for (const order of orders.filter((candidate) => candidate.epoch === epoch.index)) {
    byOrderId.set(order.order.orderId, order)
    const target = entry(order.level, order.side)
    target.orders.push(order)
    // What self-trade prevention took out of the book will never trade: it holds nothing for the gap
    if (isLive(order.order)) target.live = target.live.add(order.order.origQty.sub(order.order.executedQty).sub(order.order.preventedQuantity ?? ZERO))
  }
  for (const trade of trades) {
    const order = byOrderId.get(trade.orderId)
    if (order === undefined) continue
    const target = entry(order.level, order.side)
    target.trades.push(trade)
    target.filled = target.filled.add(trade.quantity)
    if (trade.side === 'BUY' && trade.commissionAsset === baseAsset) target.baseFees = target.baseFees.add(Decimal.min(trade.commission, trade.quantity))
  }
  return {
    epoch,
    levelCount,
    plan: (level, side) => {
      const planned = epoch.plan.get(level)
      return planned !== undefined && planned.side === side ? planned.quantity : ZERO
    },
    flow: (level, side) => flows.get(`${level}:${side}`) ?? { filled: ZERO, baseFees: ZERO, live: ZERO, trades: [], orders: [] }
  }
}
