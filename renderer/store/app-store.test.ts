import { describe, expect, it } from 'vitest'
import type { AppStateView } from '@shared/api'
import { applyCandle, useAppStore } from './app-store'

const candle = (openTimeMs: number, close: string) => ({ openTimeMs, open: '1', high: '2', low: '0.5', close, volume: '1' })

describe('applyCandle', () => {
  it('replaces the forming candle, appends a new one, and keeps at most the limit', () => {
    let series = applyCandle([], candle(60_000, '1'), 2)
    series = applyCandle(series, candle(60_000, '1.5'), 2)
    expect(series).toEqual([candle(60_000, '1.5')])
    series = applyCandle(series, candle(120_000, '1.6'), 2)
    series = applyCandle(series, candle(180_000, '1.7'), 2)
    expect(series.map((entry) => entry.openTimeMs)).toEqual([120_000, 180_000])
  })

  it('updates an older candle in place and ignores one older than the series', () => {
    const series = [candle(60_000, '1'), candle(120_000, '2')]
    expect(applyCandle(series, candle(60_000, '1.1'))).toEqual([candle(60_000, '1.1'), candle(120_000, '2')])
    expect(applyCandle(series, candle(0, '9'))).toBe(series)
  })
})

describe('setUpWith', () => {
  const config = { id: 'grid1', symbol: 'BTCUSDT', grid: { lower: '58800', upper: '61200', grids: 8, investment: '1000' } }

  it('opens the grid setup with the configuration, until it is cleared', () => {
    useAppStore.setState({ app: null, view: 'backtest', setupPrefill: null })
    useAppStore.getState().setUpWith(config)
    expect(useAppStore.getState()).toMatchObject({ view: 'setup', setupPrefill: config })
    useAppStore.getState().clearSetupPrefill()
    expect(useAppStore.getState().setupPrefill).toBeNull()
  })

  it('gives it the suggested id when a bot has its id already', () => {
    const app = { bots: [{ botId: 'grid1' }], suggestedConfig: { ...config, id: 'grid2' } } as unknown as AppStateView
    useAppStore.setState({ app, setupPrefill: null })
    useAppStore.getState().setUpWith(config)
    expect(useAppStore.getState().setupPrefill).toEqual({ ...config, id: 'grid2' })
  })
})
