import type { Decimal } from '@shared/money/decimal'
import type { CandleGap } from './candle-gap'
import type { MarketState } from './market-state'

/** The numbers a market reading is decided from, all over the same window of closed candles. */
export interface MarketMeasures {
  /** Open of the window's first candle. */
  readonly openPrice: Decimal
  /** Close of the window's last candle. */
  readonly closePrice: Decimal
  /** (closePrice − openPrice) / openPrice × 100: −4.2 means the price fell 4.2 % over the window. */
  readonly netMovePct: Decimal
  /** Mean over the window's candles of (high − low) / close × 100: how wide a candle swings. */
  readonly averageRangePct: Decimal
}

/** What every reading says about the candles it came from. */
interface ReadingBase {
  /** A sentence for a person, e.g. "trending down: −4.2 % over 48 candles, beyond the 3 % trend threshold". */
  readonly reason: string
  /** Length of one candle in milliseconds. */
  readonly intervalMs: number
  /** Closed candles the reading looked at (the window, or all there were when too few). */
  readonly candleCount: number
  /** Closed candles a reading needs (`windowCandles`). */
  readonly windowCandles: number
  /** Candle times missing among the candles looked at, oldest first; never filled in. */
  readonly gaps: readonly CandleGap[]
  /** Sum of `missingCandles` over the gaps. */
  readonly missingCandles: number
  /** Open time of the newest closed candle read, or null when there was none. */
  readonly lastOpenTimeMs: number | null
  /** Close time of the newest closed candle read (exchange time), or null when there was none. */
  readonly lastCloseTimeMs: number | null
}

/** A market read from a full window of closed candles, with the measures that decided it. */
export interface KnownMarketReading extends ReadingBase {
  readonly state: MarketState
  readonly measures: MarketMeasures
  readonly lastOpenTimeMs: number
  readonly lastCloseTimeMs: number
}

/** Too few closed candles to read the market: nothing is guessed. */
export interface UnknownMarketReading extends ReadingBase {
  readonly state: 'unknown'
  readonly measures: null
}

/** The market state one window of closed candles shows, with its measures and reason. */
export type MarketReading = KnownMarketReading | UnknownMarketReading
