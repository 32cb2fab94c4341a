/** A price range as lightweight-charts' autoscale works with it. */
export interface PriceRange {
  readonly minValue: number
  readonly maxValue: number
}

/**
 * Widens the range the candles need so every drawn line (grid levels, stop-loss, take-profit)
 * is on screen too: a grid is judged by where its levels sit against the price. With no candles,
 * the lines alone set the range; with neither, there is none.
 */
export function autoscaleRange(candles: PriceRange | null, linePrices: readonly number[]): PriceRange | null {
  if (linePrices.length === 0) return candles
  let minValue = candles?.minValue ?? Infinity
  let maxValue = candles?.maxValue ?? -Infinity
  for (const price of linePrices) {
    if (price < minValue) minValue = price
    if (price > maxValue) maxValue = price
  }
  return { minValue, maxValue }
}
