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

/** How the simulated account pays commissions. */
export interface CommissionSettings {
  /** Pay in BNB whenever the account holds enough of it (Binance's "use BNB to pay fees", BNB burn). */
  readonly bnbBurn: boolean
  /** The discount on commissions paid in BNB (0.25 = 25 %). */
  readonly bnbDiscount: Decimal
  /** BNB's price per quote asset, for quotes without a BNB<quote> symbol that has traded. */
  readonly bnbPrices: ReadonlyMap<string, Decimal>
}

/** Binance's discount on commissions paid in BNB. */
export const DEFAULT_BNB_DISCOUNT = new Decimal('0.25')

/** The asset a commission is charged in. */
export const BNB = 'BNB'

/**
 * Returns BNB's price in `quoteAsset`: 1 for BNB itself, the last price of BNB<quote> when that
 * symbol has traded, else the configured price; undefined when there is none.
 */
export function bnbPriceIn(quoteAsset: string, lastPrices: ReadonlyMap<string, Decimal>, settings: CommissionSettings): Decimal | undefined {
  if (quoteAsset === BNB) return new Decimal(1)
  return lastPrices.get(`${BNB}${quoteAsset}`) ?? settings.bnbPrices.get(quoteAsset)
}

/**
 * Returns the commission in BNB on a trade worth `quoteQuantity`: quote value × rate × (1 −
 * discount), converted at BNB's price in the quote asset, rounded up to 8 decimals.
 */
export function bnbCommissionFor(quoteQuantity: Decimal, rate: Decimal, discount: Decimal, bnbPrice: Decimal): Decimal {
  return quoteQuantity
    .mul(rate)
    .mul(new Decimal(1).sub(discount))
    .div(bnbPrice)
    .toDecimalPlaces(COMMISSION_DECIMALS, Decimal.ROUND_UP)
}
