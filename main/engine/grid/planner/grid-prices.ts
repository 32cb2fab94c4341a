import { Decimal } from '@shared/money/decimal'
import type { GridSpacing } from './grid-settings'

/**
 * Returns the N + 1 exact (unrounded) level prices from lower to upper: equal steps for
 * arithmetic spacing, equal ratios for geometric spacing.
 */
export function gridPrices(lower: Decimal, upper: Decimal, grids: number, spacing: GridSpacing): Decimal[] {
  const prices: Decimal[] = []
  if (spacing === 'arithmetic') {
    const step = upper.sub(lower).div(grids)
    for (let index = 0; index <= grids; index += 1) prices.push(lower.add(step.mul(index)))
  } else {
    // One root, then repeated products: at 60 digits the drift over 1,000 levels stays below 1e-50
    const ratio = upper.div(lower).pow(new Decimal(1).div(grids))
    let level = lower
    for (let index = 0; index <= grids; index += 1) {
      prices.push(level)
      level = level.mul(ratio)
    }
  }
  // Pin the ends exactly: the geometric products may land a unit of the last digit off
  prices[0] = lower
  prices[grids] = upper
  return prices
}
