import { Decimal } from '@shared/money/decimal'
import type { Candle } from '../engine/exchange/port/market-event'
import type { CandleSeries } from './candle-series'
import { priceDecimal } from './price-text'

/**
 * Returns one candle of a series as the engine's `Candle` (exact Decimal prices, closed, closing
 * one millisecond before the next interval opens). For the odd candle a caller needs as an
 * object; a backtest loop reads the columns instead. The symbol is the series' unless given.
 */
export function candleAt(series: CandleSeries, index: number, symbol: string | null = series.symbol): Candle {
  if (!Number.isInteger(index) || index < 0 || index >= series.length) throw new RangeError(`candle ${index} is outside the series of ${series.length}`)
  if (symbol === null) throw new RangeError('the series names no symbol; give one')
  const openTimeMs = series.openTimeMs[index] as number
  return {
    symbol,
    openTimeMs,
    closeTimeMs: openTimeMs + series.intervalMs - 1,
    open: priceDecimal(series, series.open[index] as number),
    high: priceDecimal(series, series.high[index] as number),
    low: priceDecimal(series, series.low[index] as number),
    close: priceDecimal(series, series.close[index] as number),
    volume: new Decimal(String(series.volume[index])),
    closed: true
  }
}
