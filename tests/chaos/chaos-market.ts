import { Decimal } from '@shared/money/decimal'

/**
 * A seeded price path for chaos runs around a grid: small random steps, occasional jumps through
 * several levels at once, and a pull back towards the middle so the grid keeps trading.
 */
export class ChaosMarket {
  private price: number

  /**
   * @param middle the price the path pulls towards; moves scale with it
   * @param quantityDecimals decimals of the traded quantity (the symbol's lot step)
   */
  constructor(
    private readonly random: () => number,
    private middle = 60_000,
    private readonly quantityDecimals = 5,
    /** How far, as a fraction of the price, the middle itself wanders per step (0: it stays). */
    private readonly wander = 0
  ) {
    this.price = middle
  }

  /** Returns the next trade: a price on the 0.01 tick and a quantity on the lot step. */
  next(): { readonly price: Decimal; readonly quantity: Decimal } {
    this.middle = Math.max(this.middle * 0.5, this.middle * (1 + (this.random() - 0.5) * 2 * this.wander))
    const scale = this.middle / 60_000
    const jump = this.random() < 0.08 ? (this.random() - 0.5) * 5_000 * scale : 0
    const drift = (this.middle - this.price) * 0.01
    const halfRange = this.middle * 0.1
    this.price = Math.min(this.middle + halfRange, Math.max(this.middle - halfRange, this.price + (this.random() - 0.5) * 1_600 * scale + jump + drift))
    const quantity = (0.0005 + this.random() * 0.02) / scale
    // The chaos market is a test input, so floats are fine here; they become exact decimals at once
    return { price: new Decimal(this.price.toFixed(2)), quantity: new Decimal(quantity.toFixed(this.quantityDecimals)) }
  }
}
