import type { Decimal } from '@shared/money/decimal'

/** The best prices of a symbol's order book: the highest bid and the lowest ask. */
export interface BookTicker {
  readonly bid: Decimal
  readonly ask: Decimal
}
