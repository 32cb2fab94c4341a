import { Decimal } from '@shared/money/decimal'

/**
 * Funds locked for open orders: base quantity for a SELL, quote for a BUY (quantity × a unit
 * price). The two legs of an OCO share one reservation, so the list's quantity is locked once;
 * the reservation is released when its last holder ends.
 */
export class Reservation {
  private covered: Decimal
  private unit: Decimal | undefined
  private holderCount: number

  /**
   * Creates a reservation covering `quantity` of base asset; with `unitPrice` the locked asset is
   * the quote and each unit of base costs that much of it.
   */
  constructor(
    readonly asset: string,
    quantity: Decimal,
    unitPrice: Decimal | undefined,
    holders = 1
  ) {
    this.covered = quantity
    this.unit = unitPrice
    this.holderCount = holders
  }

  /** Returns the amount of `asset` locked now. */
  amount(): Decimal {
    return this.amountFor(this.covered)
  }

  /** Returns the amount that covers `quantity` of base. */
  amountFor(quantity: Decimal): Decimal {
    return this.unit === undefined ? quantity : quantity.mul(this.unit)
  }

  /** Returns the quote per base unit locked, or undefined for a base-asset reservation. */
  unitPrice(): Decimal | undefined {
    return this.unit
  }

  /** Uses the cover of `quantity` for a fill and returns the amount that leaves the lock. */
  take(quantity: Decimal): Decimal {
    if (quantity.gt(this.covered)) throw new Error(`simulator invariant broken: fill of ${quantity.toFixed()} exceeds reservation ${this.covered.toFixed()}`)
    this.covered = this.covered.sub(quantity)
    return this.amountFor(quantity)
  }

  /** Lowers the unit price (an OCO left with its cheaper leg); returns the amount to unlock. */
  retarget(unitPrice: Decimal): Decimal {
    if (this.unit === undefined || unitPrice.gte(this.unit)) return new Decimal(0)
    const before = this.amount()
    this.unit = unitPrice
    return before.sub(this.amount())
  }

  /** Drops one holder; when none is left, returns the whole remaining amount to unlock. */
  releaseHolder(): Decimal {
    this.holderCount -= 1
    if (this.holderCount > 0) return new Decimal(0)
    const rest = this.amount()
    this.covered = new Decimal(0)
    return rest
  }
}
