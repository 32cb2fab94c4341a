import { Decimal } from '@shared/money/decimal'
import { roundPrice } from '../exchange/rules/round-order'
import type { SymbolRules } from '../exchange/rules/symbol-rules'
import type { GridSpacing } from '../grid/planner/grid-settings'

/**
 * Returns a range of the same shape centred on the price: the same width for an arithmetic grid,
 * the same upper/lower ratio for a geometric one (so profit per grid is unchanged), on the tick
 * (lower rounded down, upper up). An arithmetic range that would reach zero keeps its ratio instead.
 */
export function recenteredRange(lower: Decimal, upper: Decimal, price: Decimal, spacing: GridSpacing, rules: SymbolRules): { lower: Decimal; upper: Decimal } {
  const half = upper.sub(lower).div(2)
  const byWidth = spacing === 'arithmetic' && price.sub(half).gt(0)
  const root = upper.div(lower).sqrt()
  const low = byWidth ? price.sub(half) : price.div(root)
  const high = byWidth ? price.add(half) : price.mul(root)
  return { lower: roundPrice(rules, low, 'down'), upper: roundPrice(rules, high, 'up') }
}
