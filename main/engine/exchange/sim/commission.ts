import { Decimal } from '@shared/money/decimal'

/** Decimals commissions are charged with (Binance's base/quote commission precision). */
export const COMMISSION_DECIMALS = 8

/**
 * Returns the commission on `amount` at `rate`, rounded UP to 8 decimals. Rounding up errs
 * against the account: code that assumes it received more than it did fails in the simulator
 * instead of in production.
 */
export function commissionFor(amount: Decimal, rate: Decimal): Decimal {
  return amount.mul(rate).toDecimalPlaces(COMMISSION_DECIMALS, Decimal.ROUND_UP)
}
