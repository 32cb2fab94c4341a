import { describe, expect, it } from 'vitest'
import { SimFaults } from './sim-faults'

const kinds = (faults: SimFaults, count: number) => Array.from({ length: count }, () => faults.placementFault()?.kind ?? 'none')

describe('SimFaults', () => {
  it('serves one-shot faults first, in the order they were queued, and counts them', () => {
    const faults = new SimFaults()
    faults.rateLimitNextPlacement(5000)
    faults.timeoutNextPlacement('after-accept')
    faults.rejectNextPlacement(-2010, 'nope')
    expect(faults.placementFault()).toEqual({ kind: 'rate-limit', retryAfterMs: 5000 })
    expect(faults.placementFault()).toEqual({ kind: 'timeout-after-accept' })
    expect(faults.placementFault()).toEqual({ kind: 'reject', code: -2010, message: 'nope' })
    expect(faults.placementFault()).toBeUndefined()
    expect(faults.stats()).toMatchObject({ placeRateLimited: 1, placeTimeoutAfterAccept: 1, placeRejected: 1, placeTimeoutBeforeAccept: 0 })
  })

  it('draws random placement faults at about their rates, the same for the same seed', () => {
    const options = { rateLimitRate: 0.1, placeRejectRate: 0.1, timeoutBeforeAcceptRate: 0.1, timeoutAfterAcceptRate: 0.1 }
    const drawn = kinds(new SimFaults(options, 9), 4000)
    expect(kinds(new SimFaults(options, 9), 4000)).toEqual(drawn)
    expect(kinds(new SimFaults(options, 10), 4000)).not.toEqual(drawn)
    for (const kind of ['rate-limit', 'reject', 'timeout-before-accept', 'timeout-after-accept']) {
      const share = drawn.filter((entry) => entry === kind).length / drawn.length
      expect(share).toBeGreaterThan(0.08)
      expect(share).toBeLessThan(0.12)
    }
  })

  it('changes rates at run time', () => {
    const faults = new SimFaults({}, 1)
    expect(kinds(faults, 50)).toEqual(Array(50).fill('none'))
    faults.configure({ placeRejectRate: 1 })
    expect(kinds(faults, 3)).toEqual(['reject', 'reject', 'reject'])
    expect(faults.settings().placeReject).toEqual({ code: -1013, message: 'Filter failure: PERCENT_PRICE_BY_SIDE' })
  })

  it('refuses rates outside 0…1 or adding up past 1', () => {
    expect(() => new SimFaults({ placeRejectRate: 1.5 })).toThrow(RangeError)
    expect(() => new SimFaults({ streamDropRate: -0.1 })).toThrow(RangeError)
    expect(() => new SimFaults({ placeRejectRate: 0.6, rateLimitRate: 0.6 })).toThrow(RangeError)
    expect(() => new SimFaults({ streamDropRate: 0.6, streamDelayRate: 0.6 })).toThrow(RangeError)
  })

  it('times out cancels before or after applying them, by one-shot or at random', () => {
    const faults = new SimFaults({ cancelTimeoutRate: 1 }, 4)
    faults.timeoutNextCancel('after-apply')
    const drawn = [faults.cancelFault(), ...Array.from({ length: 200 }, () => faults.cancelFault())]
    expect(drawn[0]).toBe('timeout-after-apply')
    expect(new Set(drawn)).toEqual(new Set(['timeout-after-apply', 'timeout-before-apply']))
    const stats = faults.stats()
    expect(stats.cancelTimeoutAfterApply + stats.cancelTimeoutBeforeApply).toBe(201)
  })

  it('decides each stream event’s fate from its own generator', () => {
    const faults = new SimFaults({ streamDropRate: 0.2, streamDuplicateRate: 0.2, streamDelayRate: 0.2, streamDelayMs: 700 }, 3)
    const fates = Array.from({ length: 1000 }, () => faults.streamFate())
    expect(fates.filter((fate) => fate.kind === 'delay').every((fate) => fate.kind === 'delay' && fate.ms === 700)).toBe(true)
    const stats = faults.stats()
    expect(stats.streamDropped + stats.streamDuplicated + stats.streamDelayed).toBe(fates.filter((fate) => fate.kind !== 'deliver').length)
    expect(stats.streamDropped).toBeGreaterThan(150)
  })
})
