import { describe, expect, it } from 'vitest'
import { autoscaleRange } from './autoscale-range'

describe('autoscaleRange', () => {
  it('widens the candles range to every line', () => {
    expect(autoscaleRange({ minValue: 59_900, maxValue: 60_100 }, [58_800, 61_200, 60_000])).toEqual({ minValue: 58_800, maxValue: 61_200 })
  })

  it('keeps the candles range when the lines are inside it or there are none', () => {
    expect(autoscaleRange({ minValue: 1, maxValue: 9 }, [2, 3])).toEqual({ minValue: 1, maxValue: 9 })
    expect(autoscaleRange({ minValue: 1, maxValue: 9 }, [])).toEqual({ minValue: 1, maxValue: 9 })
  })

  it('takes the lines alone without candles, and gives nothing with neither', () => {
    expect(autoscaleRange(null, [5, 3])).toEqual({ minValue: 3, maxValue: 5 })
    expect(autoscaleRange(null, [])).toBeNull()
  })
})
