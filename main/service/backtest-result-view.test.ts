import { describe, expect, it } from 'vitest'
import { botConfig } from '@shared/config/bot-config'
import type { BacktestResult } from '../backtest/backtest-report'
import { buildTestSeries } from '../backtest/stubs'
import { DEFAULT_EXCHANGE_INFO } from '../engine/exchange/paper-server/default-exchange-info'
import { parseExchangeInfo } from '../engine/exchange/rules'
import { backtestResultView } from './backtest-result-view'

const RULES = parseExchangeInfo(DEFAULT_EXCHANGE_INFO)
const CONFIG = botConfig({ id: 'bt', symbol: 'BTCUSDT', grid: { lower: '100', upper: '120', grids: 2, investment: '1000' } })
const SERIES = buildTestSeries([
  { minute: 0, open: '110', high: '112', low: '108', close: '111' },
  { minute: 3, open: '111', high: '111.5', low: '109', close: '110.25' }
])

function result(fills: number): BacktestResult {
  return {
    report: { candles: 2, from: '', to: '', fills: { buy: fills, sell: 0 }, roundTrips: 0, gridProfit: '0', fees: '0', startValue: '1000', finalValue: '1000', buyAndHoldValue: '1000', maxDrawdownPct: '0.00', stops: [], recenters: 0, incidents: 0, elapsedMs: 1 },
    equity: [{ timeMs: 1, value: 1000 }],
    fills: Array.from({ length: fills }, (_, index) => ({ timeMs: index, side: 'BUY' as const, price: '110', quantity: '1' })),
    recentered: [],
    warnings: ['warn: something']
  }
}

describe('backtestResultView', () => {
  it('keeps the last 2,000 fills and says how many there were', () => {
    const view = backtestResultView({ series: SERIES, symbol: 'BTCUSDT', rules: RULES, config: CONFIG, result: result(2_500), notes: ['note: first'] })
    expect(view.fills).toHaveLength(2_000)
    expect(view.fills[0]?.timeMs).toBe(500)
    expect(view.totalFills).toBe(2_500)
    expect(view.warnings).toEqual(['note: first', 'warn: something'])
  })

  it('plans the grid at the first open, and lists the gaps', () => {
    const view = backtestResultView({ series: SERIES, symbol: 'BTCUSDT', rules: RULES, config: CONFIG, result: result(3), notes: [] })
    expect(view.levels).toEqual([
      { index: 0, price: '100', side: 'BUY' },
      { index: 1, price: '110', side: 'NONE' },
      { index: 2, price: '120', side: 'SELL' }
    ])
    expect(view.fills).toHaveLength(3)
    expect(view).toMatchObject({ interval: '1m', chartInterval: '1m', gapCount: 1, missingCandles: 2, gaps: [{ fromMs: SERIES.openTimeMs[0]! + 60_000, toMs: SERIES.openTimeMs[0]! + 120_000, missing: 2 }] })
    expect(view.candles.map((candle) => candle.high)).toEqual(['112', '111.5'])
  })

  it('says a warning the run repeated once, with its count and without the log\'s "{}"', () => {
    const repeated = { ...result(0), warnings: Array.from({ length: 105 }, () => 'warn: the order was refused: outside the price band {}') }
    const view = backtestResultView({ series: SERIES, symbol: 'BTCUSDT', rules: RULES, config: CONFIG, result: repeated, notes: [] })
    expect(view.warnings).toEqual(['The order was refused: outside the price band (105 times)'])
  })
})
