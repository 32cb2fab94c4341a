/**
 * What a backtest asks for and what it answers, as the UI and the command line see it. Money is
 * exact decimal text in the quote asset; times are epoch milliseconds (ISO 8601 UTC where said);
 * equity values are plain numbers because they are only drawn.
 */
import type { BotConfig, BotConfigInput } from '../config/bot-config'
import { MARKET_STATE_INTERVALS } from '../config/market-intervals'
import type { CandleView } from './views'

/** The kline intervals a backtest runs on: the ones the market state can be read from. */
export const BACKTEST_INTERVALS = MARKET_STATE_INTERVALS

/** One of the kline intervals a backtest runs on. */
export type BacktestInterval = (typeof BACKTEST_INTERVALS)[number]

/** The longest range a downloaded backtest covers: three years (of 366 days). */
export const BACKTEST_MAX_RANGE_MS = 3 * 366 * 86_400_000

/**
 * Where a backtest's candles come from: Binance's public klines endpoint (cached in the data
 * folder), or a klines file on the machine running Gridkeeper, optionally cut to a range.
 */
export type BacktestKlines =
  | {
      readonly kind: 'download'
      readonly symbol: string
      readonly interval: BacktestInterval
      /** Open times from `fromMs` (included) to `toMs` (excluded), UTC. */
      readonly fromMs: number
      readonly toMs: number
    }
  | { readonly kind: 'file'; readonly path: string; readonly fromMs?: number; readonly toMs?: number }

/** What `startBacktest` runs: a bot configuration over candles. */
export interface BacktestRequest {
  readonly config: BotConfigInput
  readonly klines: BacktestKlines
}

/** Where a backtest stands: its candles loading, the engine running over them, or finished one way or another. */
export type BacktestPhase = 'loading' | 'running' | 'done' | 'failed' | 'cancelled'

/** One stop-loss or take-profit exit of a backtest. */
export interface BacktestStop {
  /** When it triggered, ISO 8601 UTC. */
  readonly at: string
  readonly kind: 'stop-loss' | 'take-profit'
  readonly outcome: 'keep' | 'cancel' | 'sell-all'
}

/**
 * The figures of a finished backtest (what `gridkeeper backtest --json` prints): money as exact
 * decimal strings in the quote asset, `maxDrawdownPct` a percentage with two decimals.
 */
export interface BacktestReport {
  /** Candles the run went through. */
  readonly candles: number
  /** The first candle's open and the last candle's close, ISO 8601 UTC. */
  readonly from: string
  readonly to: string
  readonly fills: { readonly buy: number; readonly sell: number }
  /** Fills of counter-orders: each completes a buy-low, sell-high (or sell-high, buy-low) cycle. */
  readonly roundTrips: number
  /** Profit realised by selling above average cost, after fees (the dashboard's grid profit). */
  readonly gridProfit: string
  /** Commissions paid, valued in the quote asset at each fill's price. */
  readonly fees: string
  /** The investment and base held at the start, valued at the first open. */
  readonly startValue: string
  /** What the bot holds at the end, valued at the last close. */
  readonly finalValue: string
  /** The start value put into the base at the first open and held to the last close. */
  readonly buyAndHoldValue: string
  readonly maxDrawdownPct: string
  readonly stops: readonly BacktestStop[]
  readonly recenters: number
  readonly incidents: number
  readonly elapsedMs: number
}

/** One point of the equity curve (for drawing: a plain number). */
export interface EquityPoint {
  readonly timeMs: number
  readonly value: number
}

/** One fill of the run, for the chart's markers. */
export interface BacktestFill {
  readonly timeMs: number
  readonly side: 'BUY' | 'SELL'
  readonly price: string
  readonly quantity: string
}

/** Candles missing between two present ones: open times `fromMs` to `toMs`, both included. */
export interface BacktestGap {
  readonly fromMs: number
  readonly toMs: number
  readonly missing: number
}

/** A planned grid level at the first candle's open. */
export interface BacktestLevel {
  readonly index: number
  readonly price: string
  readonly side: 'BUY' | 'SELL' | 'NONE'
}

/** A finished backtest as the UI shows it. */
export interface BacktestResultView {
  readonly symbol: string
  readonly baseAsset: string
  readonly quoteAsset: string
  /** The interval of the candles the engine ran over. */
  readonly interval: string
  /** The configuration the run used, with every default filled in. */
  readonly config: BotConfig
  readonly report: BacktestReport
  readonly equity: readonly EquityPoint[]
  /** The most recent fills, oldest first: all of them, or the last `BACKTEST_MAX_FILLS` when there were more (see `totalFills`). */
  readonly fills: readonly BacktestFill[]
  readonly totalFills: number
  /** The grid as planned at the first candle's open. */
  readonly levels: readonly BacktestLevel[]
  /** The candles for the chart, aggregated into `chartInterval` bars as Binance builds longer intervals. */
  readonly candles: readonly CandleView[]
  readonly chartInterval: string
  /** The first gaps of the candles (at most `BACKTEST_MAX_GAPS`), their number and the candles missing in all. */
  readonly gaps: readonly BacktestGap[]
  readonly gapCount: number
  readonly missingCandles: number
  /** Notes and the engine's warnings and errors during the run (none in a clean run). */
  readonly warnings: readonly string[]
}

/** The most fills a result carries. */
export const BACKTEST_MAX_FILLS = 2_000
/** The most gaps a result lists. */
export const BACKTEST_MAX_GAPS = 100
/** The most bars a result's chart holds. */
export const BACKTEST_MAX_BARS = 5_000

/** How a backtest is going, pushed as it goes (about ten a second at most) and once when it ends. */
export interface BacktestUpdate {
  readonly backtestId: string
  readonly phase: BacktestPhase
  /** Progress of the phase: intervals downloaded or candles run, out of `total` (0 of 0 when unknown). */
  readonly done: number
  readonly total: number
  /** What is happening, or why it failed, for a person. */
  readonly message: string
  /** Present once the phase is `done`. */
  readonly result?: BacktestResultView
}
