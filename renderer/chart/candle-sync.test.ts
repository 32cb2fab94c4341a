import { describe, expect, test } from 'vitest'
import { planCandleSync } from './candle-sync'
import { stubCandle, stubCandles } from './stubs'

describe('planCandleSync', () => {
  test('the same array, or two empty ones, need nothing', () => {
    const candles = stubCandles(3)
    expect(planCandleSync(candles, candles)).toEqual({ kind: 'unchanged' })
    expect(planCandleSync([], [])).toEqual({ kind: 'unchanged' })
  })

  test('a copy with equal candles needs nothing, even as new objects', () => {
    expect(planCandleSync(stubCandles(3), stubCandles(3))).toEqual({ kind: 'unchanged' })
  })

  test('a volume-only change draws nothing new', () => {
    const previous = stubCandles(3)
    const next = [...previous.slice(0, -1), stubCandle(2, '100.00', { volume: '7' })]
    expect(planCandleSync(previous, next)).toEqual({ kind: 'unchanged' })
  })

  test('the first candles are a reset', () => {
    expect(planCandleSync([], stubCandles(2))).toEqual({ kind: 'reset' })
  })

  test('the last candle updated in place is one update', () => {
    const previous = stubCandles(3)
    const last = stubCandle(2, '101.50')
    expect(planCandleSync(previous, [...previous.slice(0, -1), last])).toEqual({ kind: 'update', candles: [last], appended: false })
  })

  test('one appended candle is one update', () => {
    const previous = stubCandles(3)
    const appended = stubCandle(3, '99.00')
    expect(planCandleSync(previous, [...previous, appended])).toEqual({ kind: 'update', candles: [appended], appended: true })
  })

  test('the last candle closed with a new price and the next one opened are two updates, in time order', () => {
    const previous = stubCandles(3)
    const closed = stubCandle(2, '100.10')
    const opened = stubCandle(3, '100.20')
    expect(planCandleSync(previous, [...previous.slice(0, -1), closed, opened])).toEqual({ kind: 'update', candles: [closed, opened], appended: true })
  })

  test('a change before the last candle is a reset', () => {
    const previous = stubCandles(4)
    const next = previous.map((candle, index) => (index === 1 ? stubCandle(1, '90.00') : candle))
    expect(planCandleSync(previous, next)).toEqual({ kind: 'reset' })
  })

  test('two appended candles, a removed one, or a window that slid are a reset', () => {
    const previous = stubCandles(4)
    expect(planCandleSync(previous, [...previous, stubCandle(4), stubCandle(5)])).toEqual({ kind: 'reset' })
    expect(planCandleSync(previous, previous.slice(0, -1))).toEqual({ kind: 'reset' })
    expect(planCandleSync(previous, [...previous.slice(1), stubCandle(4)])).toEqual({ kind: 'reset' })
    expect(planCandleSync(previous, [])).toEqual({ kind: 'reset' })
  })

  test('a last candle with another open time is a reset', () => {
    const previous = stubCandles(3)
    expect(planCandleSync(previous, [...previous.slice(0, -1), stubCandle(5)])).toEqual({ kind: 'reset' })
  })

  test('an appended candle no newer than the last, in whole seconds, is a reset', () => {
    const previous = stubCandles(3)
    const last = previous[2]
    if (last === undefined) throw new Error('stub has three candles')
    expect(planCandleSync(previous, [...previous, { ...last, openTimeMs: last.openTimeMs + 400 }])).toEqual({ kind: 'reset' })
    expect(planCandleSync(previous, [...previous, stubCandle(1)])).toEqual({ kind: 'reset' })
  })
})
