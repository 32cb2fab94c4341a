import { Decimal } from '@shared/money/decimal'
import type { EpochFlows } from './epoch-flows'
import type { AccountTrade } from './exchange-history'
import { iso, isLive, type LevelOrder } from './level-orders'

const ZERO = new Decimal(0)

/**
 * Checks a grid through its whole life on the exchange, at every moment one of its orders was
 * placed: what its open orders offered in a gap never exceeded the gap's unit (plan less base fees
 * so far), and the open BUYs (SELLs) never exceeded what the plan and the trades so far left the
 * BUY (SELL) side. Netting, waits and dust only ever hold part of a unit back, and a sale only
 * voids SELLs, so these bounds hold at every moment whatever happened; an order placed twice or
 * for too much breaks them while it is open, even if it filled and was answered later.
 */
export function checkGapHistory(flows: EpochFlows, baseAsset: string): string[] {
  const orders: LevelOrder[] = []
  const trades: AccountTrade[] = []
  for (let level = 0; level < flows.levelCount; level += 1) {
    for (const side of ['BUY', 'SELL'] as const) {
      orders.push(...flows.flow(level, side).orders)
      trades.push(...flows.flow(level, side).trades)
    }
  }
  const tradesOf = new Map<string, AccountTrade[]>()
  for (const trade of trades) tradesOf.set(trade.orderId, [...(tradesOf.get(trade.orderId) ?? []), trade])
  const levelOf = new Map(orders.map((entry) => [entry.order.orderId as string, entry]))
  const violations: string[] = []
  const broken = new Set<string>()
  const top = flows.levelCount - 1
  for (const timeMs of [...new Set(orders.map((entry) => entry.order.createdAtMs))].sort((a, b) => a - b)) {
    const live = new Map<string, { amount: Decimal; ids: string[] }>()
    for (const entry of orders) {
      const { order } = entry
      if (order.createdAtMs > timeMs || (!isLive(order) && order.updatedAtMs <= timeMs)) continue
      const traded = (tradesOf.get(order.orderId) ?? []).filter((trade) => trade.timeMs <= timeMs).reduce((total, trade) => total.add(trade.quantity), ZERO)
      const key = `${entry.level}:${entry.side}`
      const current = live.get(key) ?? { amount: ZERO, ids: [] }
      live.set(key, { amount: current.amount.add(order.origQty.sub(traded)), ids: [...current.ids, order.clientOrderId] })
    }
    const past = trades.filter((trade) => trade.timeMs <= timeMs)
    const liveOf = (level: number, side: 'BUY' | 'SELL') => live.get(`${level}:${side}`) ?? { amount: ZERO, ids: [] }
    const feesAt = (level: number) =>
      past.filter((trade) => trade.side === 'BUY' && trade.commissionAsset === baseAsset && levelOf.get(trade.orderId)?.level === level).reduce((total, trade) => total.add(trade.commission), ZERO)
    for (let level = 0; level < top; level += 1) {
      const unit = flows.plan(level, 'BUY').add(flows.plan(level + 1, 'SELL')).sub(feesAt(level))
      const buy = liveOf(level, 'BUY')
      const sell = liveOf(level + 1, 'SELL')
      const open = buy.amount.add(sell.amount)
      if (open.gt(unit) && !broken.has(`gap ${level}`)) {
        broken.add(`gap ${level}`)
        violations.push(`grid ${flows.epoch.index} at ${iso(timeMs)}: gap ${level}–${level + 1} had ${open.toFixed()} open (${[...buy.ids, ...sell.ids].join(', ')}) but carries a unit of ${unit.toFixed()}`)
      }
    }
    violations.push(...sideBounds(flows, past, liveOf, levelOf, baseAsset, timeMs, broken))
  }
  return violations
}

function sideBounds(
  flows: EpochFlows,
  past: readonly AccountTrade[],
  liveOf: (level: number, side: 'BUY' | 'SELL') => { amount: Decimal; ids: string[] },
  levelOf: ReadonlyMap<string, LevelOrder>,
  baseAsset: string,
  timeMs: number,
  broken: Set<string>
): string[] {
  let bought = ZERO
  let boughtNet = ZERO
  let sold = ZERO
  for (const trade of past) {
    if (levelOf.get(trade.orderId)?.side === 'BUY') {
      bought = bought.add(trade.quantity)
      boughtNet = boughtNet.add(trade.commissionAsset === baseAsset ? trade.quantity.sub(trade.commission) : trade.quantity)
    } else {
      sold = sold.add(trade.quantity)
    }
  }
  let planBuy = ZERO
  let planSell = ZERO
  let openBuy = ZERO
  let openSell = ZERO
  for (let level = 0; level < flows.levelCount; level += 1) {
    planBuy = planBuy.add(flows.plan(level, 'BUY'))
    planSell = planSell.add(flows.plan(level, 'SELL'))
    openBuy = openBuy.add(liveOf(level, 'BUY').amount)
    openSell = openSell.add(liveOf(level, 'SELL').amount)
  }
  const violations: string[] = []
  const buyRoom = planBuy.add(sold).sub(bought)
  if (openBuy.gt(buyRoom) && !broken.has('buy')) {
    broken.add('buy')
    violations.push(`grid ${flows.epoch.index} at ${iso(timeMs)}: ${openBuy.toFixed()} was open on BUYs, but its plan (${planBuy.toFixed()}) and trades (sold ${sold.toFixed()}, bought ${bought.toFixed()}) left the BUY side ${buyRoom.toFixed()}`)
  }
  const sellRoom = planSell.add(boughtNet).sub(sold)
  if (openSell.gt(sellRoom) && !broken.has('sell')) {
    broken.add('sell')
    violations.push(`grid ${flows.epoch.index} at ${iso(timeMs)}: ${openSell.toFixed()} was open on SELLs, but its plan (${planSell.toFixed()}) and trades (bought ${boughtNet.toFixed()} net of fees, sold ${sold.toFixed()}) left the SELL side ${sellRoom.toFixed()}`)
  }
  return violations
}
