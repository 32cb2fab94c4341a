import type { Decimal } from '@shared/money/decimal'
import type { ProtectiveSettings } from './market-settings'
import type { MarketReadingState } from './market-state'
import type { ProtectiveDecision } from './protective-decision'

/** What the protective modes need to know of the grid. */
export interface ProtectiveGridContext {
  /** Price of the grid's lowest open BUY, or null when no BUY is open. */
  readonly lowestOpenBuyPrice: Decimal | null
}

type Decide = (protective: ProtectiveSettings, grid: ProtectiveGridContext) => ProtectiveDecision

// A Record rather than a switch, so a new market state fails to compile until it has a decision
const DECISIONS: Readonly<Record<MarketReadingState, Decide>> = {
  unknown: () => ({ blockNewBuys: false, reason: 'no protective mode: the market state is not known yet' }),
  ranging: () => ({ blockNewBuys: false, reason: 'no protective mode: ranging' }),
  'trending-up': () => ({ blockNewBuys: false, reason: 'no protective mode: trending up' }),
  'trending-down': (protective, grid) => {
    if (!protective.noBuysInDowntrend) return { blockNewBuys: false, reason: 'no protective mode: confirmed downtrend, but noBuysInDowntrend is off' }
    const floor = grid.lowestOpenBuyPrice
    // With no BUY open there is no line to hold, and any new BUY would be below where the grid already bought
    if (floor === null) return { blockNewBuys: true, buysBelow: null, reason: 'paused: confirmed downtrend with no BUY open' }
    return { blockNewBuys: true, buysBelow: floor, reason: `paused below ${floor.toFixed()}: confirmed downtrend, no new BUY under the lowest open BUY` }
  },
  volatile: (protective) => {
    if (!protective.pauseBuysWhenVolatile) return { blockNewBuys: false, reason: 'no protective mode: volatile, but pauseBuysWhenVolatile is off' }
    return { blockNewBuys: true, buysBelow: null, reason: 'paused: volatile market' }
  }
}

/**
 * Decides, from the confirmed market state (the hysteresis memory's `state`, never a single
 * reading), whether new BUYs must wait: in a confirmed downtrend with `noBuysInDowntrend`, no new
 * BUY below the grid's lowest open BUY (none at all when no BUY is open); in a volatile market
 * with `pauseBuysWhenVolatile`, no new BUY. Pure.
 */
export function protectiveMode(state: MarketReadingState, protective: ProtectiveSettings, grid: ProtectiveGridContext): ProtectiveDecision {
  return DECISIONS[state](protective, grid)
}
