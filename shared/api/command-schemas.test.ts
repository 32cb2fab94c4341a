import { describe, expect, it } from 'vitest'
import { commandSchemas } from './command-schemas'

const DAY = 86_400_000
const FROM = Date.UTC(2024, 0, 1)
const config = { id: 'bt', symbol: 'BTCUSDT', grid: { lower: '59000', upper: '61000', grids: 10, investment: '1000' } }
const download = { kind: 'download', symbol: 'BTCUSDT', interval: '1m', fromMs: FROM, toMs: FROM + 31 * DAY }

/** The problems a payload has, as dispatch words them ("path: message"), or [] when it is valid. */
function problems(method: keyof typeof commandSchemas, params: unknown): string[] {
  const parsed = commandSchemas[method].safeParse(params)
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
}

describe('the startBacktest schema', () => {
  it('takes a download of a symbol, an interval and a range, or a klines file with an optional range', () => {
    expect(problems('startBacktest', { config, klines: download })).toEqual([])
    expect(problems('startBacktest', { config, klines: { kind: 'file', path: '/data/BTCUSDT-1m-2024-01.csv' } })).toEqual([])
    expect(problems('startBacktest', { config, klines: { kind: 'file', path: '/data/k.csv', fromMs: FROM, toMs: FROM + DAY } })).toEqual([])
  })

  it('checks the symbol, the interval and the dates', () => {
    expect(problems('startBacktest', { config, klines: { ...download, symbol: 'btcusdt' } })).toEqual(['klines.symbol: must be an exchange symbol in capitals, such as BTCUSDT'])
    expect(problems('startBacktest', { config, klines: { ...download, interval: '2h' } })).toEqual(['klines.interval: must be one of 1m, 3m, 5m, 15m, 30m, 1h, 4h'])
    expect(problems('startBacktest', { config, klines: { ...download, fromMs: Date.UTC(2016, 11, 31) } })).toEqual(['klines.fromMs: must be on or after 2017-01-01 (Binance has no klines before)'])
    expect(problems('startBacktest', { config, klines: { ...download, toMs: FROM + 0.5 } })).toEqual(['klines.toMs: must be a whole number of milliseconds'])
    expect(problems('startBacktest', { config, klines: { ...download, toMs: FROM } })).toEqual(['klines.toMs: must be after klines.fromMs'])
    expect(problems('startBacktest', { config, klines: { kind: 'file', path: '/k.csv', fromMs: FROM, toMs: FROM - DAY } })).toEqual(['klines.toMs: must be after klines.fromMs'])
  })

  it('limits a download to three years', () => {
    expect(problems('startBacktest', { config, klines: { ...download, toMs: FROM + 3 * 366 * DAY } })).toEqual([])
    expect(problems('startBacktest', { config, klines: { ...download, toMs: FROM + 3 * 366 * DAY + 1 } })).toEqual(['klines.toMs: must be at most three years after klines.fromMs'])
  })

  it('refuses a source it does not know, an empty path and fields it does not take', () => {
    expect(problems('startBacktest', { config, klines: { kind: 'url', url: 'http://x' } })).toEqual(['klines.kind: must be {kind: "download", symbol, interval, fromMs, toMs} or {kind: "file", path}'])
    expect(problems('startBacktest', { config, klines: { kind: 'file', path: '  ' } })).toEqual(['klines.path: must name a klines file'])
    expect(problems('startBacktest', { config, klines: { ...download, limit: 5 } })).toEqual(['klines: Unrecognized key: "limit"'])
    expect(problems('startBacktest', { klines: download })).toEqual(['config: Invalid input: expected record, received undefined'])
  })
})

describe('the cancelBacktest schema', () => {
  it('takes a backtest id', () => {
    expect(problems('cancelBacktest', { backtestId: '0b6f2c1e-5d7a-4f5e-9a51-3f1d2b7c8e90' })).toEqual([])
    expect(problems('cancelBacktest', { backtestId: '../x' })).toEqual(['backtestId: must be a backtest id'])
  })
})
