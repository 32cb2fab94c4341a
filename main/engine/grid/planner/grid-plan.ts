import type { Decimal } from '@shared/money/decimal'
import type { GridSpacing } from './grid-settings'
import type { PlanProblem } from './plan-problem'

/** The side a level's first order takes; NONE for the level nearest the price. */
export type LevelSide = 'BUY' | 'SELL' | 'NONE'

/** One level of a plan, with the exact order it would place. */
export interface PlannedLevel {
  readonly index: number
  /** Price on the symbol's tick. */
  readonly price: Decimal
  readonly side: LevelSide
  /** Order quantity on the lot step; zero for the NONE level. */
  readonly quantity: Decimal
  /** price × quantity. */
  readonly notional: Decimal
}

/** How the base asset the sells need is bought before the grid starts. */
export interface BaseAcquisition {
  readonly method: 'MARKET' | 'LIMIT'
  readonly side: 'BUY'
  readonly quantity: Decimal
  /** The price the cost is estimated at (the current price; for LIMIT, also the order price). */
  readonly price: Decimal
  /** quantity × price, the quote it is expected to spend. */
  readonly quoteCost: Decimal
}

/** A complete grid plan: the orders that would be sent, what they need, and every problem. */
export interface GridPlan {
  readonly symbol: string
  readonly spacing: GridSpacing
  readonly grids: number
  readonly lower: Decimal
  readonly upper: Decimal
  readonly price: Decimal
  readonly investment: Decimal
  readonly levels: readonly PlannedLevel[]
  /** Profit of one buy-then-sell round trip across one interval after two maker fees, in percent. */
  readonly profitPerGrid: { readonly minPct: Decimal; readonly maxPct: Decimal }
  /** Quote amount one interval's order is sized from. */
  readonly quotePerGrid: Decimal
  /** The smallest investment for which every order meets LOT_SIZE and the notional minimums. */
  readonly minInvestment: Decimal
  /** Base asset the SELL levels hold in total. */
  readonly baseRequired: Decimal
  readonly baseHeld: Decimal
  /** The purchase that provides the base not held yet; null when none is needed. */
  readonly acquisition: BaseAcquisition | null
  /** Quote the plan spends: BUY orders' notional plus the acquisition's estimated cost. */
  readonly quoteRequired: Decimal
  readonly problems: readonly PlanProblem[]
}
