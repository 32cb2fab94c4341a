import { describe, expect, test } from 'vitest'
import { summarizeDurations } from './frame-summary'

describe('summarizeDurations', () => {
  test('gives nearest-rank percentiles of unsorted samples', () => {
    const samples = Array.from({ length: 100 }, (_, index) => 100 - index)
    expect(summarizeDurations(samples, 50)).toEqual({ count: 100, p50: 51, p90: 91, p99: 100, max: 100, overBudget: 50 })
  })

  test('counts only samples strictly over the budget', () => {
    expect(summarizeDurations([16.7, 50, 50.1, 120], 50).overBudget).toBe(2)
  })

  test('one sample is every percentile', () => {
    expect(summarizeDurations([16.7], 50)).toEqual({ count: 1, p50: 16.7, p90: 16.7, p99: 16.7, max: 16.7, overBudget: 0 })
  })

  test('no samples give NaN figures, not zeros that would read as fast', () => {
    const summary = summarizeDurations([], 50)
    expect(summary.count).toBe(0)
    expect(summary.p50).toBeNaN()
    expect(summary.max).toBeNaN()
  })

  test('does not reorder the caller’s samples', () => {
    const samples = [3, 1, 2]
    summarizeDurations(samples, 50)
    expect(samples).toEqual([3, 1, 2])
  })
})
