import { Decimal } from '@shared/money/decimal'
import { describe, expect, it } from 'vitest'
import { foldTrade } from './candle-feed'

const tick = (price: string, quantity: string, timeMs: number) => ({ symbol: 'BTCUSDT', price: new Decimal(price), quantity: new Decimal(quantity), timeMs })

describe('foldTrade', () => {
  it('opens a candle at the start of the trade interval, then widens it with each trade in that interval', () => {
    const first = foldTrade(undefined, tick('100', '1', 61_500), 60_000)
    expect(first).toEqual({ openTimeMs: 60_000, open: '100', high: '100', low: '100', close: '100', volume: '1' })
    const second = foldTrade(first, tick('103.5', '0.25', 70_000), 60_000)
    const third = foldTrade(second, tick('99.25', '0.5', 119_999), 60_000)
    expect(third).toEqual({ openTimeMs: 60_000, open: '100', high: '103.5', low: '99.25', close: '99.25', volume: '1.75' })
  })

  it('opens the next candle when a trade falls in the next interval', () => {
    const latest = { openTimeMs: 60_000, open: '100', high: '101', low: '99', close: '100.5', volume: '3' }
    expect(foldTrade(latest, tick('102', '2', 120_000), 60_000)).toEqual({ openTimeMs: 120_000, open: '102', high: '102', low: '102', close: '102', volume: '2' })
  })

  it('leaves out a trade older than the latest candle', () => {
    const latest = { openTimeMs: 120_000, open: '100', high: '101', low: '99', close: '100.5', volume: '3' }
    expect(foldTrade(latest, tick('50', '1', 119_000), 60_000)).toBeUndefined()
  })
})
