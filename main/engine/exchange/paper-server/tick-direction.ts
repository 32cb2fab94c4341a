import type { Decimal } from '@shared/money/decimal'

/** The trade before one, as far as its direction goes. */
export interface PreviousTick {
  readonly price: Decimal
  readonly buyerIsMaker: boolean
}

/**
 * Returns whether a public trade at `price` had a seller taking (the buyer was the maker), guessed
 * from the tick direction because the simulator has no aggressor: a downtick yes, an uptick no, an
 * unchanged price as the trade before it, and no for a symbol's first trade.
 */
export function buyerIsMakerAfter(previous: PreviousTick | undefined, price: Decimal): boolean {
  if (previous === undefined) return false
  if (price.lt(previous.price)) return true
  if (price.gt(previous.price)) return false
  return previous.buyerIsMaker
}
