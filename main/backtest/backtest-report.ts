/** One stop-loss or take-profit exit of a backtest. */
export interface BacktestStop {
  /** When it triggered, ISO 8601 UTC. */
  readonly at: string
  readonly kind: 'stop-loss' | 'take-profit'
  readonly outcome: 'keep' | 'cancel' | 'sell-all'
}

/**
 * What `gridkeeper backtest --json` prints: money as exact decimal strings in the quote asset,
 * `maxDrawdownPct` a percentage with two decimals.
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

/** A finished backtest: the report, the equity curve and the fills. */
export interface BacktestResult {
  readonly report: BacktestReport
  readonly equity: readonly EquityPoint[]
  readonly fills: readonly BacktestFill[]
  /** The engine's warnings and errors during the run (none in a clean run). */
  readonly warnings: readonly string[]
}
