import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/**
 * Raised when candles handed to the market reading break the series' invariants (mixed symbols,
 * times out of order or off the interval, a forming candle before a closed one, impossible prices).
 * It is a bug in whoever assembled the series, so it stops the caller loudly.
 */
export class CandleSeriesError extends GridkeeperError {
  override readonly name = 'CandleSeriesError' as const
  /** Position of the offending candle in the series handed in. */
  readonly index: number

  constructor(index: number, problem: string) {
    super('CANDLE_SERIES_INVALID', `invalid candle series at candle ${index}: ${problem}`)
    this.index = index
  }
}

/** Returns true for a CandleSeriesError, also after it crossed a process boundary. */
export function isCandleSeriesError(value: unknown): value is CandleSeriesError {
  return (value as { name?: unknown } | null)?.name === 'CandleSeriesError'
}
