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
  /** Incidents the bot opened (a recenter its holdings could not fund, say): the run is what the engine did. */
  readonly incidents: number
  readonly runs: number
}

/**
 * A ten-level grid (nine grids) from 30 % below to 30 % above the first open, 10,000 USDT, the
 * configuration's defaults otherwise (recentering on): inside every symbol's price band, and with
 * the first purchase of base well within the investment.
 */
function gridAround(series: CandleSeries, symbol: string) {
  const open = series.open[0] as number
  return botConfig({ id: 'bench', symbol, grid: { lower: priceText(series, Math.ceil(open * 0.7)), upper: priceText(series, Math.floor(open * 1.3)), grids: 9, investment: '10000' } })
}

async function measure(name: string, series: CandleSeries, symbol: string, runs: number, range?: { readonly lower: string; readonly upper: string }): Promise<BacktestFigure> {
  const around = gridAround(series, symbol)
  const config = range === undefined ? around : botConfig({ ...around, grid: { ...around.grid, ...range } })
  const speeds: number[] = []
  let fills = 0
  let incidents = 0
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now()
    const result = await runBacktest({ series, symbol, rules: RULES, config })
    speeds.push(series.length / ((performance.now() - started) / 1000))
    fills = result.report.fills.buy + result.report.fills.sell
    incidents = result.report.incidents
  }
  return { name, candles: series.length, candlesPerSecond: median(speeds), fills, incidents, runs }
}

/**
 * Backtest speed on a year of synthetic one-minute candles (seeded: the same on every machine),
 * in a calm market that wanders and a busy one that keeps swinging through the grid, and on the
 * real files in ../shared/data/klines when they are there.
 */
export async function measureBacktests(runs: number, report: (figure: BacktestFigure) => void): Promise<void> {
  const start = { symbol: 'BTCUSDT', candles: YEAR_OF_MINUTES, startMs: Date.UTC(2024, 0, 1), startCents: 6_000_000, volatility: 0.0008, seed: 42 }
  report(await measure('a year of 1m candles, wandering market', syntheticSeries({ ...start, reversion: 0.00002 }), 'BTCUSDT', runs))
  const swinging = syntheticSeries({ ...start, reversion: 0.0005 })
  report(await measure('a year of 1m candles, swinging market', swinging, 'BTCUSDT', runs))
  // The same market with the ten levels packed into its band (54,000–66,000): a fill every few hours
  report(await measure('a year of 1m candles, swinging market, tight grid', swinging, 'BTCUSDT', runs, { lower: '54000', upper: '66000' }))
  const folder = join(process.cwd(), '..', 'shared', 'data', 'klines')
  if (existsSync(folder)) {
    for (const file of readdirSync(folder).filter((name) => /\.(csv|json)$/.test(name)).sort()) {
      const series = await loadKlinesFile(join(folder, file))
      if (series.symbol === null || !RULES.symbols.has(series.symbol)) continue
      report(await measure(`${file} (${series.interval})`, series, series.symbol, runs))
    }
  }
}
