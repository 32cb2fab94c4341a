import type { BacktestFill, BacktestReport, EquityPoint } from '@shared/api/backtest-views'

// The report's types cross to the UI, so the contract holds them
export type { BacktestFill, BacktestReport, BacktestStop, EquityPoint } from '@shared/api/backtest-views'

/** One recenter of a run: when, from which range to which, and how many fills the new grid's orders made before the next one (or the end). */
export interface BacktestRecenter {
  readonly timeMs: number
  readonly from: string
  readonly to: string
  readonly fillsAfter: number
}

/** A finished backtest: the report, the equity curve, the fills and the recenters. */
export interface BacktestResult {
  readonly report: BacktestReport
  readonly equity: readonly EquityPoint[]
  readonly fills: readonly BacktestFill[]
  readonly recentered: readonly BacktestRecenter[]
  /** The engine's warnings and errors during the run (none in a clean run). */
  readonly warnings: readonly string[]
}
