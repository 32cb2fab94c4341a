import { BACKTEST_MAX_BARS, BACKTEST_MAX_FILLS, BACKTEST_MAX_GAPS, type BacktestResultView } from '@shared/api'
import type { BotConfig } from '@shared/config/bot-config'
import type { BacktestResult } from '../backtest/backtest-report'
import { settingsOf } from '../engine/bot/grid-bot-config'
import type { ExchangeRules } from '../engine/exchange/rules'
import { planGrid } from '../engine/grid/planner'
import type { CandleSeries } from '../klines/candle-series'
import { downsampleSeries } from '../klines/downsample-series'
import { findGaps } from '../klines/find-gaps'
import { priceDecimal } from '../klines/price-text'
import { summarizeWarnings } from './backtest-warnings'

/** What a finished run is shown from. */
export interface BacktestOutcomeParts {
  readonly series: CandleSeries
  readonly symbol: string
  readonly rules: ExchangeRules
  /** The configuration the run started from. */
  readonly config: BotConfig
  readonly result: BacktestResult
  /** Said before the engine's own warnings: which rules were used, say. */
  readonly notes: readonly string[]
}

/**
 * Builds what the UI shows of a finished backtest: the report, the equity curve, the last
 * fills (capped, the total kept), the grid as planned at the first open, the candles as at most
 * 5,000 chart bars, and the gaps.
 */
export function backtestResultView(parts: BacktestOutcomeParts): BacktestResultView {
  const { series, symbol, rules, config, result } = parts
  const symbolRules = rules.symbols.get(symbol)
  if (symbolRules === undefined) throw new Error(`the rules have no ${symbol}`)
  const plan = planGrid(symbolRules, settingsOf(config, priceDecimal(series, series.open[0] as number)), rules.exchangeFilters)
  const bars = downsampleSeries(series, BACKTEST_MAX_BARS)
  const gaps = findGaps(series)
  const fills = result.fills.length > BACKTEST_MAX_FILLS ? result.fills.slice(-BACKTEST_MAX_FILLS) : result.fills
  return {
    symbol,
    baseAsset: symbolRules.baseAsset,
    quoteAsset: symbolRules.quoteAsset,
    interval: series.interval,
    config,
    report: result.report,
    equity: result.equity,
    fills,
    totalFills: result.fills.length,
    levels: plan.levels.map((level) => ({ index: level.index, price: level.price.toFixed(), side: level.side })),
    candles: bars.candles,
    chartInterval: bars.interval,
    gaps: gaps.gaps.slice(0, BACKTEST_MAX_GAPS),
    gapCount: gaps.gaps.length,
    missingCandles: gaps.totalMissing,
    warnings: summarizeWarnings([...parts.notes, ...result.warnings])
  }
}
