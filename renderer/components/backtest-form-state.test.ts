import { describe, expect, it } from 'vitest'
import { backtestRequestOf, defaultBacktestForm, withSource } from './backtest-form-state'

const SUGGESTED = { id: 'grid2', symbol: 'BTCUSDT', grid: { lower: '58000', upper: '62000', grids: 8, investment: '1000' } }
const form = defaultBacktestForm(SUGGESTED, Date.UTC(2025, 2, 14, 15))

describe('the backtest form', () => {
  it('opens on last month of one-minute candles from Binance with the suggested grid', () => {
    expect(form).toMatchObject({ source: 'download', interval: '1m', from: '2025-02-01', to: '2025-02-28', path: '', grid: { id: 'grid2', symbol: 'BTCUSDT', lower: '58000', grids: '8' } })
    expect(defaultBacktestForm(null, Date.UTC(2025, 0, 5)).grid).toMatchObject({ id: 'backtest', symbol: 'BTCUSDT', lower: '' })
    expect(defaultBacktestForm(null, Date.UTC(2025, 0, 5))).toMatchObject({ from: '2024-12-01', to: '2024-12-31' })
  })

  it('asks for a download from the first day to the end of the last one, UTC', () => {
    const request = backtestRequestOf({ ...form, grid: { ...form.grid, symbol: ' ethusdt ' } })
    expect(request).toEqual({
      ok: true,
      request: {
        config: expect.objectContaining({ id: 'grid2', symbol: 'ETHUSDT', grid: expect.objectContaining({ lower: '58000', grids: 8 }) }),
        klines: { kind: 'download', symbol: 'ETHUSDT', interval: '1m', fromMs: Date.UTC(2025, 1, 1), toMs: Date.UTC(2025, 2, 1) }
      }
    })
  })

  it('asks for a file with or without a range', () => {
    expect(backtestRequestOf({ ...form, source: 'file', path: ' /data/BTCUSDT-1m.csv ', from: '', to: '' })).toMatchObject({ ok: true, request: { klines: { kind: 'file', path: '/data/BTCUSDT-1m.csv' } } })
    expect(backtestRequestOf({ ...form, source: 'file', path: '/k.csv' })).toMatchObject({ ok: true, request: { klines: { kind: 'file', path: '/k.csv', fromMs: Date.UTC(2025, 1, 1), toMs: Date.UTC(2025, 2, 1) } } })
  })

  it('says what to fix first', () => {
    expect(backtestRequestOf({ ...form, from: '2025-02-30' })).toEqual({ ok: false, problem: 'From must be a date such as 2024-01-31, not "2025-02-30"' })
    expect(backtestRequestOf({ ...form, to: '2025-01-31' })).toEqual({ ok: false, problem: 'To must not be before From' })
    expect(backtestRequestOf({ ...form, to: '' })).toEqual({ ok: false, problem: 'Give the first and the last day of the candles to download' })
    expect(backtestRequestOf({ ...form, from: '2020-01-01', to: '2024-01-01' })).toEqual({ ok: false, problem: 'A download covers at most three years: choose a shorter range' })
    expect(backtestRequestOf({ ...form, source: 'file' })).toEqual({ ok: false, problem: 'Give the path of a klines file on the machine running Gridkeeper' })
  })

  it('takes a whole file unless told otherwise, and a download last month when it has no range', () => {
    const file = withSource(form, 'file', Date.UTC(2025, 2, 14))
    expect(file).toMatchObject({ source: 'file', from: '', to: '' })
    expect(withSource(file, 'download', Date.UTC(2025, 5, 1))).toMatchObject({ source: 'download', from: '2025-05-01', to: '2025-05-31' })
    expect(withSource({ ...file, from: '2024-01-01', to: '' }, 'download', Date.UTC(2025, 5, 1))).toMatchObject({ from: '2024-01-01', to: '' })
    expect(withSource(form, 'download', 0)).toBe(form)
  })
})
