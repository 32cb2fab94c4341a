import type { FillView } from '@shared/api'
import { Decimal } from '@shared/money/decimal'

/** The fills of one order taken together: what the order traded, at what average price, for what fees. */
export interface FillGroup {
  readonly clientOrderId: string
  readonly level: number | null
  readonly side: 'BUY' | 'SELL'
  /** Time of the order's latest fill, in epoch milliseconds. */
  readonly timeMs: number
  /** Price weighted by quantity, exact decimal text. */
  readonly price: string
  /** Everything the order filled, exact decimal text. */
  readonly quantity: string
  /** Commissions by asset, exact decimal text, in the order first met. */
  readonly fees: readonly { readonly asset: string; readonly amount: string }[]
  readonly fillCount: number
  /** The orders that answer its fills, each once. */
  readonly hedgedBy: readonly string[]
  /** How its fills are covered without an order, each once, in words. */
  readonly coveredBy: readonly string[]
}

/**
 * Groups fills by the order they filled, newest order first: a paper or live order that fills in
 * dozens of small trades reads as one row with its total and average price.
 */
export function groupFills(fills: readonly FillView[]): FillGroup[] {
  const byOrder = new Map<string, FillView[]>()
  for (const fill of fills) {
    const list = byOrder.get(fill.clientOrderId)
    if (list === undefined) byOrder.set(fill.clientOrderId, [fill])
    else list.push(fill)
  }
  const groups = [...byOrder.values()].map((list) => group(list))
  // Stable sort, so orders filled at the same time keep the order of their first fill
  return groups.sort((a, b) => b.timeMs - a.timeMs)
}

function group(fills: readonly FillView[]): FillGroup {
  const first = fills[0] as FillView
  let quantity = new Decimal(0)
  let notional = new Decimal(0)
  const fees = new Map<string, Decimal>()
  const distinct = (values: readonly (string | null)[]) => [...new Set(values.filter((value): value is string => value !== null))]
  for (const fill of fills) {
    quantity = quantity.add(fill.quantity)
    notional = notional.add(new Decimal(fill.price).mul(fill.quantity))
    fees.set(fill.commissionAsset, (fees.get(fill.commissionAsset) ?? new Decimal(0)).add(fill.commission))
  }
  const prices = new Set(fills.map((fill) => new Decimal(fill.price).toFixed()))
  return {
    clientOrderId: first.clientOrderId,
    level: first.level,
    side: first.side,
    timeMs: Math.max(...fills.map((fill) => fill.timeMs)),
    price: prices.size === 1 || quantity.isZero() ? first.price : notional.div(quantity).toFixed(),
    quantity: quantity.toFixed(),
    fees: [...fees].map(([asset, amount]) => ({ asset, amount: amount.toFixed() })),
    fillCount: fills.length,
    hedgedBy: distinct(fills.map((fill) => fill.hedgedBy)),
    coveredBy: distinct(fills.map((fill) => fill.coveredBy))
  }
}
