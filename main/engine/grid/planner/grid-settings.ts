import type { Decimal } from '@shared/money/decimal'

/** How level prices are spaced: equal differences, or equal ratios. */
export type GridSpacing = 'arithmetic' | 'geometric'

/**
 * A person's grid settings. `grids` counts intervals: N grids make N + 1 level prices from
 * `lower` to `upper` inclusive, and N orders (the level nearest the price holds none).
 */
export interface GridSettings {
  readonly lower: Decimal
  readonly upper: Decimal
  readonly grids: number
  readonly spacing: GridSpacing
  /** Quote asset committed to the grid (buys, and buying the base the sells need). */
  readonly investment: Decimal
  /** Base asset already held and committed to the grid's sells. */
  readonly baseHeld: Decimal
  /** The current market price; levels below it buy, levels above it sell. */
  readonly price: Decimal
  /** Fee rate of resting (maker) orders, e.g. 0.001 for 0.1 %. */
  readonly makerFee: Decimal
  /** Fee rate of the order that acquires base for the sells, e.g. 0.001. */
  readonly takerFee: Decimal
  /** What a MARKET BUY sets aside above the price until it fills, as a multiplier (1.02 by default). */
  readonly marketBuyHeadroom?: Decimal
}

/** The most grids a plan may have; Binance allows 200 open orders per symbol by default. */
export const MAX_GRIDS = 1000
