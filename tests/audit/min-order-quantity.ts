import { Decimal } from '@shared/money/decimal'
import { roundToStep } from '@shared/money/step'
import type { SymbolRules } from '../../main/engine/exchange/rules'

/** Returns the lot step of a LIMIT order on the symbol (one unit of base precision when the filter has none). */
export function lotStep(rules: SymbolRules): Decimal {
  const step = rules.filters.lotSize?.stepSize
  return step !== undefined && !step.isZero() ? step : new Decimal(1).div(new Decimal(10).pow(rules.baseAssetPrecision))
}

/** Returns the smallest LIMIT quantity the symbol accepts at this price: LOT_SIZE's minimum, the notional minimums and one step. */
export function minOrderQuantity(rules: SymbolRules, price: Decimal): Decimal {
  const step = lotStep(rules)
  const minNotional = Decimal.max(rules.filters.notional?.minNotional ?? 0, rules.filters.minNotional?.minNotional ?? 0)
  const byNotional = price.isZero() ? new Decimal(0) : roundToStep(minNotional.div(price), step, 'up')
  return Decimal.max(rules.filters.lotSize?.minQty ?? 0, byNotional, step)
}

/**
 * Returns the most base a level may carry as dust on one side: quantity too small to place on its
 * own is carried until more joins it, and one carry can meet another before an order takes both.
 */
export function dustBound(rules: SymbolRules, price: Decimal): Decimal {
  return minOrderQuantity(rules, price).add(lotStep(rules)).mul(2)
}
