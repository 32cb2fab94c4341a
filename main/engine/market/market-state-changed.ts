import type { MarketReadingState, MarketState } from './market-state'

/** The confirmed market state changed; plain JSON, stored as a bot event and shown to the person. */
export interface MarketStateChanged {
  readonly type: 'MarketStateChanged'
  readonly from: MarketReadingState
  readonly to: MarketState
  /** The reading that confirmed the new state, and on how many candles it held. */
  readonly reason: string
  /** Exchange time of the candle close that confirmed the change. */
  readonly atMs: number
}
