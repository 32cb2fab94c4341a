import type { Candle } from '../exchange/port/market-event'
import { CandleSeriesError } from './candle-series-error'

/**
 * Returns the closed candles of a series, oldest first, after checking that the series is one
 * symbol on one interval in strictly rising time with possible prices. A forming candle is left
 * out (it is not yet a fact) and may only come last. Throws CandleSeriesError otherwise.
 */
export function closedCandles(candles: readonly Candle[], intervalMs: number): readonly Candle[] {
  const closed: Candle[] = []
  candles.forEach((candle, index) => {
    const previous = candles[index - 1]
    if (previous !== undefined) {
      if (candle.symbol !== previous.symbol) throw new CandleSeriesError(index, `symbol ${candle.symbol} after ${previous.symbol}`)
      const stepMs = candle.openTimeMs - previous.openTimeMs
      if (stepMs <= 0) throw new CandleSeriesError(index, `opens at ${candle.openTimeMs}, not after the previous candle (${previous.openTimeMs})`)
      if (stepMs % intervalMs !== 0) throw new CandleSeriesError(index, `opens ${stepMs} ms after the previous candle, not a whole number of ${intervalMs} ms intervals`)
      if (!previous.closed) throw new CandleSeriesError(index - 1, 'a forming candle is followed by another candle')
    }
    if (!candle.low.gt(0)) throw new CandleSeriesError(index, `low ${candle.low.toFixed()} is not above zero`)
    if (candle.high.lt(candle.low)) throw new CandleSeriesError(index, `high ${candle.high.toFixed()} is below low ${candle.low.toFixed()}`)
    for (const [name, price] of [['open', candle.open], ['close', candle.close]] as const) {
      if (price.lt(candle.low) || price.gt(candle.high)) throw new CandleSeriesError(index, `${name} ${price.toFixed()} is outside low–high ${candle.low.toFixed()}–${candle.high.toFixed()}`)
    }
    if (candle.closed) closed.push(candle)
  })
  return closed
}
