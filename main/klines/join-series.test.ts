import { describe, expect, it } from 'vitest'
import { buildTestSeries } from '../backtest/stubs'
import { joinSeries } from './join-series'
import { priceText } from './price-text'

const MINUTE = 60_000
const START = Date.UTC(2024, 0, 1)

describe('joinSeries', () => {
  it('joins parts that follow each other at the largest scale, every price exactly as it was', () => {
    const first = buildTestSeries([{ minute: 0, open: '100.5', high: '101', low: '100', close: '100.5', volume: 2 }])
    const second = buildTestSeries([{ minute: 0, open: '100.125', high: '100.25', low: '99.999', close: '100.001', volume: 3 }], '1m', 'BTCUSDT', START + MINUTE)
    const joined = joinSeries([first, second])
    expect(joined).toMatchObject({ symbol: 'BTCUSDT', interval: '1m', scale: 3, length: 2 })
    const prices = (index: number) => [joined!.open, joined!.high, joined!.low, joined!.close].map((column) => priceText(joined!, column[index] as number))
    expect(prices(0)).toEqual(['100.5', '101', '100', '100.5'])
    expect(prices(1)).toEqual(['100.125', '100.25', '99.999', '100.001'])
    expect(Array.from(joined!.openTimeMs)).toEqual([START, START + MINUTE])
    expect(Array.from(joined!.volume)).toEqual([2, 3])
  })

  it('passes over empty parts and returns a single part as it is', () => {
    const only = buildTestSeries([{ minute: 0, open: '1', high: '1', low: '1', close: '1' }])
    expect(joinSeries([only])).toBe(only)
    expect(joinSeries([only, buildTestSeries([])])?.length).toBe(1)
    expect(joinSeries([])).toBeUndefined()
  })

  it('declines parts that overlap, go back in time or differ in interval', () => {
    const a = buildTestSeries([{ minute: 0, open: '1', high: '1', low: '1', close: '1' }, { minute: 1, open: '1', high: '1', low: '1', close: '1' }])
    const b = buildTestSeries([{ minute: 1, open: '2', high: '2', low: '2', close: '2' }])
    expect(joinSeries([a, b])).toBeUndefined()
    expect(joinSeries([b, a])).toBeUndefined()
    expect(joinSeries([a, buildTestSeries([{ minute: 5, open: '1', high: '1', low: '1', close: '1' }], '5m')])).toBeUndefined()
  })

  it('refuses a price that would not stay exact at the joined scale', () => {
    const big = buildTestSeries([{ minute: 0, open: '9000000000000', high: '9000000000000', low: '9000000000000', close: '9000000000000' }])
    const fine = buildTestSeries([{ minute: 1, open: '1.0001', high: '1.0001', low: '1.0001', close: '1.0001' }])
    expect(() => joinSeries([big, fine])).toThrow(RangeError)
  })
})
