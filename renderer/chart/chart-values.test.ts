import { describe, expect, test } from 'vitest'
import { toChartBar, toChartPrice, toChartTime } from './chart-values'

describe('chart values', () => {
  test('a candle becomes a bar at its open time in whole seconds', () => {
    const bar = toChartBar({ openTimeMs: 1_767_225_600_000, open: '60000.01', high: '60100.00', low: '59900.50', close: '60050.25', volume: '3.2' })
    expect(bar).toEqual({ time: 1_767_225_600, open: 60000.01, high: 60100, low: 59900.5, close: 60050.25 })
  })

  test('milliseconds are dropped, not rounded', () => {
    expect(toChartTime(1_999)).toBe(1)
  })

  test('a price that is not a decimal fails loudly instead of drawing nothing', () => {
    expect(() => toChartPrice('')).toThrow("Not a decimal price: ''")
    expect(() => toChartPrice('abc')).toThrow('abc')
    expect(toChartPrice('0.00001234')).toBe(0.00001234)
  })
})
