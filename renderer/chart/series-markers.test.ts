import { describe, expect, test } from 'vitest'
import type { ChartMarker } from './chart-marker'
import { toSeriesMarkers } from './series-markers'
import { STUB_START_MS, stubCandles } from './stubs'

const startSeconds = STUB_START_MS / 1000
const fill = (timeMs: number, side: 'BUY' | 'SELL', text: string = side): ChartMarker => ({ timeMs, side, price: '100.00', text })

describe('toSeriesMarkers', () => {
  test('puts each fill on the open time, in seconds, of the candle it happened in', () => {
    const candles = stubCandles(3)
    const placed = toSeriesMarkers([fill(STUB_START_MS + 61_234, 'BUY'), fill(STUB_START_MS + 179_999, 'SELL')], candles)
    expect(placed.map((marker) => marker.time)).toEqual([startSeconds + 60, startSeconds + 120])
  })

  test('a fill exactly at a candle open sits on that candle', () => {
    expect(toSeriesMarkers([fill(STUB_START_MS + 120_000, 'BUY')], stubCandles(3))[0]?.time).toBe(startSeconds + 120)
  })

  test('sorts fills by time and keeps the order of fills at the same time', () => {
    const markers = [fill(STUB_START_MS + 150_000, 'SELL', 'c'), fill(STUB_START_MS + 10_000, 'BUY', 'a'), fill(STUB_START_MS + 10_000, 'SELL', 'b')]
    expect(toSeriesMarkers(markers, stubCandles(3)).map((marker) => marker.text)).toEqual(['a', 'b', 'c'])
  })

  test('draws a BUY as a green arrow up to its fill price and a SELL as a red arrow down to it, not stacked off the candles', () => {
    const [buy, sell] = toSeriesMarkers([{ ...fill(STUB_START_MS, 'BUY', 'B 0.001'), price: '99.50' }, { ...fill(STUB_START_MS + 1, 'SELL', 'S 0.001'), price: '100.50' }], stubCandles(1))
    expect(buy).toEqual({ time: startSeconds, position: 'atPriceTop', price: 99.5, shape: 'arrowUp', color: '#3fb950', text: 'B 0.001' })
    expect(sell).toEqual({ time: startSeconds, position: 'atPriceBottom', price: 100.5, shape: 'arrowDown', color: '#f85149', text: 'S 0.001' })
  })

  test('leaves out fills before the first candle; fills after the last open sit on the last candle', () => {
    const placed = toSeriesMarkers([fill(STUB_START_MS - 1, 'BUY', 'early'), fill(STUB_START_MS + 3_600_000, 'SELL', 'late')], stubCandles(2))
    expect(placed.map((marker) => [marker.text, marker.time])).toEqual([['late', startSeconds + 60]])
  })

  test('no candles place no markers', () => {
    expect(toSeriesMarkers([fill(STUB_START_MS, 'BUY')], [])).toEqual([])
  })

  test('does not reorder the caller’s array', () => {
    const markers = [fill(STUB_START_MS + 2, 'SELL'), fill(STUB_START_MS + 1, 'BUY')]
    toSeriesMarkers(markers, stubCandles(1))
    expect(markers.map((marker) => marker.side)).toEqual(['SELL', 'BUY'])
  })
})
