import { describe, expect, it } from 'vitest'
import { botConfig } from '@shared/config/bot-config'
import { parseExchangeInfo } from '../engine/exchange/rules'
import { BTCUSDT_FILTERS, rawSymbol } from '../engine/exchange/rules/stubs'
import { runBacktest } from './run-backtest'
import { buildTestSeries, type TestCandle } from './stubs'

// BTCUSDT's 2024 filters (tick 0.01, step 0.00001, NOTIONAL 5), with MARKET allowed
const RULES = parseExchangeInfo({
  symbols: [rawSymbol(BTCUSDT_FILTERS, { symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'] })]
})

/**
 * A trend in steps of 5m candles: at each center the price swings ±900 around it (300 a candle,
 * a swing an hour), for `hours` hours, then the next center. Each step is far enough from the last
 * to leave the range, so the grid must recenter to keep trading.
 */
function staircase(centers: readonly number[], hours: number): TestCandle[] {
  const candles: TestCandle[] = []
  const path = [-900, -600, -300, 0, 300, 600, 900, 600, 300, 0, -300, -600]
  let last = centers[0] as number
  for (const center of centers) {
    for (let index = 0; index < hours * 12; index += 1) {
      const next = center + (path[index % path.length] as number)
      candles.push({ minute: candles.length, open: String(last), high: String(Math.max(last, next)), low: String(Math.min(last, next)), close: String(next) })
      last = next
    }
  }
  return candles
}

/** Ten grids 55,000–61,000 with 1,000 USDT, as on the 2021 BTCUSDT candles; recentering as configured by default (2 h outside, 6 h apart). */
const CONFIG = botConfig({
  id: 'bt',
  symbol: 'BTCUSDT',
  grid: { lower: '55000', upper: '61000', grids: 10, investment: '1000' },
  risk: { ocoBackstop: false }
})

describe('runBacktest through a trend', () => {
  it('falling in steps below the range: each recenter sells base for its BUYs, and every new grid trades, with no incident and no warning', async () => {
    const series = buildTestSeries(staircase([58_000, 52_000, 46_000, 40_000, 34_000], 12), '5m')
    const result = await runBacktest({ series, symbol: 'BTCUSDT', rules: RULES, config: CONFIG })
    // One recenter per step, each grid filling on the swings until the next
    expect(result.report.recenters).toBe(4)
    expect(result.recentered.map((move) => move.fillsAfter > 20)).toEqual(result.recentered.map(() => true))
    expect(result.report.incidents).toBe(0)
    expect(result.warnings).toEqual([])
  })

  it('rising in steps above the range: each recenter buys the base its SELLs need, and every new grid trades, with no incident and no warning', async () => {
    const series = buildTestSeries(staircase([58_000, 64_000, 70_000, 76_000, 82_000], 12), '5m')
    const result = await runBacktest({ series, symbol: 'BTCUSDT', rules: RULES, config: CONFIG })
    // One recenter per step, each grid filling on the swings until the next
    expect(result.report.recenters).toBe(4)
    expect(result.recentered.map((move) => move.fillsAfter > 20)).toEqual(result.recentered.map(() => true))
    expect(result.report.incidents).toBe(0)
    expect(result.warnings).toEqual([])
  })
})
