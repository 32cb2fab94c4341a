import { describe, expect, it } from 'vitest'
import type { commandSchemas } from './command-schemas'
import { parseCommandParams } from './parse-command-params'

const DAY = 86_400_000
const FROM = Date.UTC(2024, 0, 1)
const config = { id: 'bt', symbol: 'BTCUSDT', grid: { lower: '59000', upper: '61000', grids: 10, investment: '1000' } }
const download = { kind: 'download', symbol: 'BTCUSDT', interval: '1m', fromMs: FROM, toMs: FROM + 31 * DAY }

/** The problems a payload has, as dispatch words them (a sentence each), or [] when it is valid. */
function problems(method: keyof typeof commandSchemas, params: unknown): readonly string[] {
  const parsed = parseCommandParams(method, params)
  return parsed.ok ? [] : parsed.problems
}

describe('the startBacktest schema', () => {
  it('takes a download of a symbol, an interval and a range, or a klines file with an optional range', () => {
    expect(problems('startBacktest', { config, klines: download })).toEqual([])
    expect(problems('startBacktest', { config, klines: { kind: 'file', path: '/data/BTCUSDT-1m-2024-01.csv' } })).toEqual([])
    expect(problems('startBacktest', { config, klines: { kind: 'file', path: '/data/k.csv', fromMs: FROM, toMs: FROM + DAY } })).toEqual([])
  })

  it('checks the symbol, the interval and the dates', () => {
    expect(problems('startBacktest', { config, klines: { ...download, symbol: 'btcusdt' } })).toEqual(['Symbol must be an exchange symbol in capitals, such as BTCUSDT'])
    expect(problems('startBacktest', { config, klines: { ...download, interval: '2h' } })).toEqual(['Candle interval must be one of 1m, 3m, 5m, 15m, 30m, 1h, 4h'])
    expect(problems('startBacktest', { config, klines: { ...download, fromMs: Date.UTC(2016, 11, 31) } })).toEqual(['Start of the backtest must be on or after 2017-01-01 (Binance has no klines before)'])
    expect(problems('startBacktest', { config, klines: { ...download, toMs: FROM + 0.5 } })).toEqual(['End of the backtest must be a whole number of milliseconds'])
    expect(problems('startBacktest', { config, klines: { ...download, toMs: FROM } })).toEqual(['End of the backtest must be after the start'])
    expect(problems('startBacktest', { config, klines: { kind: 'file', path: '/k.csv', fromMs: FROM, toMs: FROM - DAY } })).toEqual(['End of the backtest must be after the start'])
  })

  it('limits a download to three years', () => {
    expect(problems('startBacktest', { config, klines: { ...download, toMs: FROM + 3 * 366 * DAY } })).toEqual([])
    expect(problems('startBacktest', { config, klines: { ...download, toMs: FROM + 3 * 366 * DAY + 1 } })).toEqual(['End of the backtest must be at most three years after the start'])
  })

  it('refuses a source it does not know, an empty path and fields it does not take', () => {
    expect(problems('startBacktest', { config, klines: { kind: 'url', url: 'http://x' } })).toEqual(["The candle source must be a download of a symbol's candles or a klines file"])
    expect(problems('startBacktest', { config, klines: { kind: 'file', path: '  ' } })).toEqual(['Klines file is empty: name a klines file'])
    expect(problems('startBacktest', { config, klines: { ...download, limit: 5 } })).toEqual(['The candle source has a setting it does not know: "limit"'])
    expect(problems('startBacktest', { klines: download })).toEqual(['The bot configuration is missing'])
  })
})

describe('the cancelBacktest schema', () => {
  it('takes a backtest id', () => {
    expect(problems('cancelBacktest', { backtestId: '0b6f2c1e-5d7a-4f5e-9a51-3f1d2b7c8e90' })).toEqual([])
    expect(problems('cancelBacktest', { backtestId: '../x' })).toEqual(['Backtest id must be the id the backtest was given: letters, digits and dashes'])
  })
})
