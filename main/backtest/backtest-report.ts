import type { BacktestFill, BacktestReport, EquityPoint } from '@shared/api/backtest-views'

// The report's types cross to the UI, so the contract holds them
export type { BacktestFill, BacktestReport, BacktestStop, EquityPoint } from '@shared/api/backtest-views'

/** A finished backtest: the report, the equity curve and the fills. */
export interface BacktestResult {
  readonly report: BacktestReport
  readonly equity: readonly EquityPoint[]
  readonly fills: readonly BacktestFill[]
  /** The engine's warnings and errors during the run (none in a clean run). */
  readonly warnings: readonly string[]
}
