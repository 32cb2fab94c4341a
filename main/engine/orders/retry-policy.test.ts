import { describe, expect, it } from 'vitest'
import { backoffDelayMs, DEFAULT_RETRY_POLICY } from './retry-policy'

describe('backoffDelayMs', () => {
  it('doubles from the base up to the cap, with jitter between half and all of it', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 }
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(policy, attempt, () => 1))).toEqual([100, 200, 400, 800, 1000])
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(policy, attempt, () => 0))).toEqual([50, 100, 200, 400, 500])
  })
})
