import { describe, expect, it } from 'vitest'
import { planLineSync } from './line-sync'

const points = [
  { timeMs: 60_000, value: 1000 },
  { timeMs: 120_000, value: 1001.5 },
  { timeMs: 180_000, value: 999 }
]

describe('planLineSync', () => {
  it('does nothing for the same points, and appends the newer ones after the points drawn', () => {
    expect(planLineSync(points, points)).toEqual({ kind: 'unchanged' })
    expect(planLineSync(points, points.map((point) => ({ ...point })))).toEqual({ kind: 'unchanged' })
    expect(planLineSync(points.slice(0, 1), points)).toEqual({ kind: 'append', points: points.slice(1) })
    expect(planLineSync([], [])).toEqual({ kind: 'unchanged' })
  })

  it('draws everything again when a drawn point changed, or points went away', () => {
    expect(planLineSync([], points)).toEqual({ kind: 'reset' })
    expect(planLineSync(points, points.slice(0, 2))).toEqual({ kind: 'reset' })
    expect(planLineSync(points, [points[0]!, { timeMs: 120_000, value: 1 }, points[2]!])).toEqual({ kind: 'reset' })
  })
})
