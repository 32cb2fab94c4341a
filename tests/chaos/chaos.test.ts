import { describe, expect, it } from 'vitest'
import { CHAOS_FAULTS, runChaosSeries } from './run-chaos'

describe('chaos', () => {
  it('keeps every invariant through random faults and crashes (short deterministic series)', async () => {
    const seeds = Array.from({ length: 16 }, (_, index) => 1000 + index)
    const results = await runChaosSeries(seeds, { steps: 150, crashRate: 0.03, disconnectRate: 0.02, faults: CHAOS_FAULTS, bots: 2, actionRate: 0.02, strategy: true })
    const failures = results.filter((result) => result.violations.length > 0)
    const report = failures.map((result) => `seed ${result.seed}:\n  ${result.violations.join('\n  ')}\n  trace:\n    ${result.trace.slice(-20).join('\n    ')}`).join('\n')
    expect(failures, report).toEqual([])
    // The series really traded and really crashed
    expect(results.reduce((total, result) => total + result.fills, 0)).toBeGreaterThan(100)
    expect(results.reduce((total, result) => total + result.crashes, 0)).toBeGreaterThan(5)
  }, 300_000)
})
