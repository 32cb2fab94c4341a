import { Decimal } from '@shared/money/decimal'

/**
 * The cost model of a grid: how much quote a quote-per-grid amount q spends.
 *
 * Every BUY level buys q worth at its own price; every SELL level j holds the base one interval's
 * buy would have bought (q / price of level j − 1), so a sell's counter-buy re-buys the same
 * quantity. The base the sells need beyond what is held is bought at the current price with the
 * taker fee taken in base, plus one lot step of rounding.
 */
export interface GridCostModel {
  /** Number of BUY levels. */
  readonly buyCount: number
  /** Σ over SELL levels of 1 / (price of the level below): base needed per unit of q. */
  readonly basePerQuote: Decimal
  readonly baseHeld: Decimal
  readonly price: Decimal
  readonly takerFee: Decimal
  /** Quote cost of one lot step at the current price: the acquisition's rounding reserve. */
  readonly stepCost: Decimal
}

/** Returns the quote the grid spends for a quote-per-grid amount q (never less than the rounded plan). */
export function gridCost(model: GridCostModel, quotePerGrid: Decimal): Decimal {
  const toBuy = Decimal.max(0, quotePerGrid.mul(model.basePerQuote).sub(model.baseHeld))
  const buying = toBuy.isZero()
    ? new Decimal(0)
    : toBuy.mul(model.price).div(new Decimal(1).sub(model.takerFee)).add(model.stepCost)
  return quotePerGrid.mul(model.buyCount).add(buying)
}

/** Returns the largest quote-per-grid amount whose gridCost fits in the investment. */
export function quotePerGridFor(model: GridCostModel, investment: Decimal): Decimal {
  const { buyCount, basePerQuote, baseHeld } = model
  // The largest q that the held base covers on its own
  const coveredByHeld = basePerQuote.isZero() ? undefined : baseHeld.div(basePerQuote)
  if (coveredByHeld === undefined) return investment.div(buyCount)
  if (buyCount > 0 && investment.div(buyCount).lte(coveredByHeld)) return investment.div(buyCount)
  const perBase = model.price.div(new Decimal(1).sub(model.takerFee))
  const withBuying = investment.sub(model.stepCost).add(perBase.mul(baseHeld)).div(perBase.mul(basePerQuote).add(buyCount))
  return Decimal.max(withBuying, coveredByHeld)
}
