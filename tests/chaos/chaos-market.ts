import { Decimal } from '@shared/money/decimal'

/**
 * A seeded price path for chaos runs around a grid: small random steps, occasional jumps through
 * several levels at once, and a pull back towards the middle so the grid keeps trading.
 */
export class ChaosMarket {
  private price: number

  constructor(
    private readonly random: () => number,
    private readonly middle = 60_000,
    private readonly halfRange = 6_000
  ) {
    this.price = middle
  }

  /** Returns the next trade: a price on the 0.01 tick and a quantity on the 0.00001 step. */
  next(): { readonly price: Decimal; readonly quantity: Decimal } {
    const jump = this.random() < 0.08 ? (this.random() - 0.5) * 5_000 : 0
    const drift = (this.middle - this.price) * 0.01
    this.price = Math.min(this.middle + this.halfRange, Math.max(this.middle - this.halfRange, this.price + (this.random() - 0.5) * 1_600 + jump + drift))
    const quantity = 0.0005 + this.random() * 0.02
    // The chaos market is a test input, so floats are fine here; they become exact decimals at once
    return { price: new Decimal(this.price.toFixed(2)), quantity: new Decimal(quantity.toFixed(5)) }
  }
}
