import { describe, expect, it } from 'vitest'
import type { ChaosResult } from './chaos-options'
import { CHAOS_FAULTS, runChaosSeries } from './run-chaos'

function report(results: readonly ChaosResult[]): string {
  return results
    .filter((result) => result.violations.length > 0)
    .map((result) => `seed ${result.seed}:\n  ${result.violations.join('\n  ')}\n  trace:\n    ${result.trace.slice(-20).join('\n    ')}`)
    .join('\n')
}

describe('chaos, audited from the exchange before any heal', () => {
  it('keeps every invariant of the grid through random faults, crashes and a person acting (short seeded series)', async () => {
    const seeds = Array.from({ length: 8 }, (_, index) => 2000 + index)
    const results = await runChaosSeries(seeds, { steps: 150, crashRate: 0.03, disconnectRate: 0.02, faults: CHAOS_FAULTS, bots: 2, actionRate: 0.02, strategy: false })
    expect(results.filter((result) => result.violations.length > 0), report(results)).toEqual([])
    // The series really traded, crashed and met the faults
    expect(results.reduce((total, result) => total + result.fills, 0)).toBeGreaterThan(100)
    expect(results.reduce((total, result) => total + result.crashes, 0)).toBeGreaterThan(5)
    expect(results.reduce((total, result) => total + (result.faults['placeTimeoutAfterAccept'] ?? 0) + (result.faults['streamDropped'] ?? 0), 0)).toBeGreaterThan(10)
  }, 300_000)

  it('keeps every invariant with the strategy mix: stops, recenters, deadlocks and the OCO backstop (short seeded series)', async () => {
    const seeds = Array.from({ length: 16 }, (_, index) => 1000 + index)
    const results = await runChaosSeries(seeds, { steps: 150, crashRate: 0.03, disconnectRate: 0.02, faults: CHAOS_FAULTS, bots: 2, actionRate: 0.02, strategy: true })
    expect(results.filter((result) => result.violations.length > 0), report(results)).toEqual([])
    expect(results.reduce((total, result) => total + result.fills, 0)).toBeGreaterThan(100)
    // The strategy really acted: exits and recenters happened
    const actions = (kind: string) => results.reduce((total, result) => total + (result.actions[kind] ?? 0), 0)
    expect(actions('take-profit') + actions('stop-loss')).toBeGreaterThan(0)
    expect(actions('recentered')).toBeGreaterThan(0)
  }, 300_000)
})
