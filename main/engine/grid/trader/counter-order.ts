import { Decimal } from '@shared/money/decimal'
import { quantityStep } from '../../exchange/rules/round-order'
import { roundToStep } from '@shared/money/step'
import type { SymbolRules } from '../../exchange/rules/symbol-rules'

/** The counter-order a fill owes: at which level, which side, how much, and what is left as dust. */
export interface CounterOrder {
  readonly level: number
  readonly side: 'BUY' | 'SELL'
  /** On the lot step; may be zero when the whole fill is dust. */
  readonly quantity: Decimal
  /** Base left over below one lot step (a BUY's commission taken in base leaves an odd amount). */
  readonly dust: Decimal
}

/** A fill of a grid order, as the counter-order rule needs it. */
export interface GridFill {
  readonly side: 'BUY' | 'SELL'
  readonly level: number
  readonly quantity: Decimal
  readonly commission: Decimal
  readonly commissionAsset: string
}

/**
 * Returns the counter-order of a grid fill, or undefined at the edge of the grid (a BUY on the
 * top level, a SELL on the bottom one). A BUY at level i owes a SELL at i + 1 of exactly what was
 * received: the executed quantity net of a commission taken in base, rounded down to the lot
 * step, the rest being dust. A SELL at level i owes a BUY at i − 1 of the same quantity.
 */
export function counterOrderOf(fill: GridFill, levelCount: number, rules: SymbolRules): CounterOrder | undefined {
  const level = fill.side === 'BUY' ? fill.level + 1 : fill.level - 1
  if (level < 0 || level >= levelCount) return undefined
  const received = fill.side === 'BUY' && fill.commissionAsset === rules.baseAsset ? fill.quantity.sub(fill.commission) : fill.quantity
  const quantity = roundToStep(Decimal.max(received, 0), quantityStep(rules, 'LIMIT'), 'down')
  return { level, side: fill.side === 'BUY' ? 'SELL' : 'BUY', quantity, dust: Decimal.max(received, 0).sub(quantity) }
}
