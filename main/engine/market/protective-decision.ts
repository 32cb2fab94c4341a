import type { Decimal } from '@shared/money/decimal'

/**
 * What the protective modes allow for new BUYs, with a reason a person can read ("paused:
 * confirmed downtrend"). Sells, counter-orders of fills and orders already open are never blocked.
 */
export type ProtectiveDecision =
  | { readonly blockNewBuys: false; readonly reason: string }
  | {
      readonly blockNewBuys: true
      /** New BUYs below this price wait; null makes every new BUY wait. */
      readonly buysBelow: Decimal | null
      readonly reason: string
    }

/** Returns true when the decision lets a new BUY be placed at this price. */
export function buyAllowedAt(decision: ProtectiveDecision, price: Decimal): boolean {
  if (!decision.blockNewBuys) return true
  return decision.buysBelow !== null && price.gte(decision.buysBelow)
}
