/** The fewest and most decimals the price axis shows. */
const MIN_DECIMALS = 2
const MAX_DECIMALS = 10

/** Returns the decimals of an exact decimal text once trailing zeros are dropped ("60000.01000000" → 2). */
function significantDecimals(text: string): number {
  const point = text.indexOf('.')
  if (point === -1) return 0
  let end = text.length
  while (end > point + 1 && text[end - 1] === '0') end -= 1
  return end - point - 1
}

/**
 * Returns how many decimals the price axis needs to tell the given prices apart, between 2 and 10.
 * Binance pads prices with zeros to eight decimals, so the padding is ignored; without this a
 * 0.00001234 price would read 0.00 on the axis.
 */
export function pricePrecision(prices: Iterable<string>): number {
  let decimals = MIN_DECIMALS
  for (const price of prices) decimals = Math.max(decimals, significantDecimals(price))
  return Math.min(decimals, MAX_DECIMALS)
}
