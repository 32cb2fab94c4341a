/** What the market is doing over the window, once enough candles have been read. */
export type MarketState = 'ranging' | 'trending-up' | 'trending-down' | 'volatile'

/** A market state, or 'unknown' when there are too few candles to say (never a guess). */
export type MarketReadingState = MarketState | 'unknown'

/** Every market state, in a stable order (for tests and menus). */
export const MARKET_STATES: readonly MarketState[] = ['ranging', 'trending-up', 'trending-down', 'volatile']

/** How each state reads in a sentence, e.g. "trending down". */
export const MARKET_STATE_LABELS: Readonly<Record<MarketReadingState, string>> = {
  ranging: 'ranging',
  'trending-up': 'trending up',
  'trending-down': 'trending down',
  volatile: 'volatile',
  unknown: 'unknown'
}
