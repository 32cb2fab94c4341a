import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { botConfig } from '@shared/config/bot-config'
import { runBacktest } from '../../main/backtest/run-backtest'
import { syntheticSeries } from '../../main/backtest/synthetic-series'
import { parseExchangeInfo } from '../../main/engine/exchange/rules'
import { DEFAULT_EXCHANGE_INFO } from '../../main/engine/exchange/paper-server/default-exchange-info'
import type { CandleSeries } from '../../main/klines/candle-series'
import { loadKlinesFile } from '../../main/klines/load-klines-file'
import { priceText } from '../../main/klines/price-text'
import { median } from './median'

const RULES = parseExchangeInfo(DEFAULT_EXCHANGE_INFO)
const YEAR_OF_MINUTES = 525_600

/** One backtest figure: candles per second (median of runs) and what the run did. */
export interface BacktestFigure {
  readonly name: string
  readonly candles: number
  readonly candlesPerSecond: number
  readonly fills: number
  readonly runs: number
}

/** A ten-level grid (nine grids) across the series' whole price range, 10,000 USDT, the configuration's defaults otherwise (recentering on). */
function gridOver(series: CandleSeries, symbol: string) {
  let low = Infinity
  let high = -Infinity
  for (let index = 0; index < series.length; index += 1) {
    low = Math.min(low, series.low[index] as number)
    high = Math.max(high, series.high[index] as number)
  }
  // The first open at least a fifth inside the range, so the first purchase of base fits the investment
  const open = series.open[0] as number
  const lower = Math.floor(Math.min(low, open * 0.8))
  const upper = Math.ceil(Math.max(high, open * 1.2))
  return botConfig({ id: 'bench', symbol, grid: { lower: priceText(series, lower), upper: priceText(series, upper), grids: 9, investment: '10000' } })
}

async function measure(name: string, series: CandleSeries, symbol: string, runs: number): Promise<BacktestFigure> {
  const config = gridOver(series, symbol)
  const speeds: number[] = []
  let fills = 0
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now()
    const result = await runBacktest({ series, symbol, rules: RULES, config })
    speeds.push(series.length / ((performance.now() - started) / 1000))
    fills = result.report.fills.buy + result.report.fills.sell
    if (result.warnings.length > 0) throw new Error(`${name}: the engine warned: ${result.warnings[0] ?? ''}`)
  }
  return { name, candles: series.length, candlesPerSecond: median(speeds), fills, runs }
}

/**
 * Backtest speed on a year of synthetic one-minute candles (seeded: the same on every machine),
 * in a calm market that wanders and a busy one that keeps swinging through the grid, and on the
 * real files in ../shared/data/klines when they are there.
 */
export async function measureBacktests(runs = 5): Promise<BacktestFigure[]> {
  const start = { symbol: 'BTCUSDT', candles: YEAR_OF_MINUTES, startMs: Date.UTC(2024, 0, 1), startCents: 6_000_000, volatility: 0.0008, seed: 42 }
  const figures = [
    await measure('a year of 1m candles, wandering market', syntheticSeries({ ...start, reversion: 0.00002 }), 'BTCUSDT', runs),
    await measure('a year of 1m candles, swinging market', syntheticSeries({ ...start, reversion: 0.0005 }), 'BTCUSDT', runs)
  ]
  const folder = join(process.cwd(), '..', 'shared', 'data', 'klines')
  if (existsSync(folder)) {
    for (const file of readdirSync(folder).filter((name) => /\.(csv|json)$/.test(name)).sort()) {
      const series = await loadKlinesFile(join(folder, file))
      if (series.symbol === null || !RULES.symbols.has(series.symbol)) continue
      figures.push(await measure(`${file} (${series.interval})`, series, series.symbol, runs))
    }
  }
  return figures
}
