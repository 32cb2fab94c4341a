import { Decimal } from '@shared/money/decimal'
import { roundToStep } from '@shared/money/step'
import { priceStep, quantityStep, type SymbolRules } from '../rules'

/** One price level of the synthetic book. */
export interface BookLevel {
  readonly price: Decimal
  readonly quantity: Decimal
}

/** A synthetic order book: bids best first (highest), asks best first (lowest). */
export interface SyntheticBook {
  readonly bids: readonly BookLevel[]
  readonly asks: readonly BookLevel[]
}

/**
 * Returns a synthetic book around the last price, because the simulator keeps no public book:
 * the best bid one tick below the last price and the best ask one tick above, then one level per
 * tick, each level a little deeper than the one before. It matches how the simulator fills: an
 * order at the last price rests on either side, a BUY at the ask or a SELL at the bid takes (at
 * the last price, with unlimited liquidity), so the quantities shown are only for display.
 */
export function syntheticBook(rules: SymbolRules, last: Decimal, levels: number): SyntheticBook {
  const tick = Decimal.max(priceStep(rules), new Decimal('0.00000001'))
  const step = quantityStep(rules, 'LIMIT')
  const unit = Decimal.max(rules.filters.lotSize?.minQty ?? new Decimal(0), step, new Decimal('0.00000001'))
  const quantityAt = (index: number) => roundToStep(unit.mul(100).mul(index + 1), step, 'down')
  const bids: BookLevel[] = []
  const asks: BookLevel[] = []
  for (let index = 0; index < levels; index += 1) {
    const bid = last.sub(tick.mul(index + 1))
    if (bid.gt(0)) bids.push({ price: bid, quantity: quantityAt(index) })
    asks.push({ price: last.add(tick.mul(index + 1)), quantity: quantityAt(index) })
  }
  return { bids, asks }
}
