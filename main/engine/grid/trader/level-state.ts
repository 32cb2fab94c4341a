/** Where a grid level stands. */
export type LevelPhase = 'empty' | 'placing' | 'open' | 'replacing' | 'failed'

/** What happens to a level. */
export type LevelEvent = 'assign' | 'placed' | 'filled' | 'closed' | 'replace' | 'rejected' | 'failed'

/**
 * The grid level lifecycle: (phase, event) → phase. Pairs that are absent are invalid and
 * ignored with a log line. Every unusual edge says why it exists.
 */
export const LEVEL_TRANSITIONS: Readonly<Record<LevelPhase, Partial<Record<LevelEvent, LevelPhase>>>> = {
  empty: { assign: 'placing' },
  placing: {
    placed: 'open',
    // A taker order can fill before its placement is acknowledged
    filled: 'empty',
    // An IOC/MARKET remainder or an exchange-side cancel can end it before the acknowledgement
    closed: 'empty',
    rejected: 'failed',
    failed: 'failed'
  },
  open: {
    filled: 'empty',
    // Cancelled or expired by the exchange or a person: the level is re-planned
    closed: 'empty',
    replace: 'replacing',
    // Real-world: a repeated acknowledgement
    placed: 'open'
  },
  replacing: {
    // The order being replaced filled before the cancel landed: nothing left to replace
    filled: 'empty',
    closed: 'empty',
    placed: 'replacing'
  },
  failed: { assign: 'placing' }
}

/** A grid level as stored in the journal. */
export interface LevelState {
  readonly index: number
  /** The level's price on the symbol's tick. */
  readonly price: string
  readonly phase: LevelPhase
  /** The intent whose order works at this level (placing, open or being replaced). */
  readonly activeIntentId: string | null
  /** Counter intents waiting for this level, oldest first. */
  readonly waiting: readonly string[]
  /** Base owed to this level's SELLs but below the exchange minimum, carried into its next SELL. */
  readonly dustSell: string
  /** Base owed to this level's BUYs but below the exchange minimum, carried into its next BUY. */
  readonly dustBuy: string
  /** Why the level is in its phase, for a person. */
  readonly reason: string
  /** Held by a person: nothing is placed on it until it is released. */
  readonly held?: boolean
  /** The intent whose placement failed for good, while the level is 'failed'. */
  readonly failedIntentId?: string | null
}

/** Returns the phase after an event, or undefined when the table has no such transition. */
export function nextPhase(phase: LevelPhase, event: LevelEvent): LevelPhase | undefined {
  return LEVEL_TRANSITIONS[phase][event]
}
