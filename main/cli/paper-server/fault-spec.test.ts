import { describe, expect, it } from 'vitest'
import { parseFaultSpec } from './fault-spec'

describe('parseFaultSpec', () => {
  it('reads rates, shares, latency, Retry-After and the connection-fault schedule', () => {
    expect(parseFaultSpec('latency=50,server-errors=0.01,server-errors-applied=1,order-timeouts=0.02,order-timeouts-placed=0,rate-limits=0.1,retry-after=7,drop-every=60s,silence-every=2m,silence-for=10s,shutdown-every=1h')).toEqual({
      settings: { latencyMs: 50, serverErrorRate: 0.01, serverErrorAppliedShare: 1, orderTimeoutRate: 0.02, orderTimeoutPlacedShare: 0, rateLimitRate: 0.1, rateLimitRetryAfterSeconds: 7 },
      schedule: { dropEveryMs: 60_000, silenceEveryMs: 120_000, silenceForMs: 10_000, shutdownEveryMs: 3_600_000 }
    })
    expect(parseFaultSpec('')).toEqual({ settings: {}, schedule: {} })
    expect(parseFaultSpec('latency=250ms').settings.latencyMs).toBe(250)
  })

  it('reads -1021 bursts for the server and the exchange’s world faults for the simulator', () => {
    expect(
      parseFaultSpec(
        'timestamp-bursts=0.01,timestamp-burst-for=20s,rejects=0.02,thin-books=0.1,expiries=0.01,external-cancels=0.01,hand-trading=0.05,forgotten-orders=0.001,breaks=0.001,break-for=2m,rules-changes=0.001,gaps=0.01,gap-size=0.05,bnb-fees=0.5'
      )
    ).toEqual({
      settings: { timestampBurstRate: 0.01, timestampBurstMs: 20_000 },
      schedule: {},
      world: {
        placeRejectMixRate: 0.02,
        thinBookRate: 0.1,
        exchangeExpireRate: 0.01,
        externalCancelRate: 0.01,
        handTradeRate: 0.05,
        forgetOrderRate: 0.001,
        symbolBreakRate: 0.001,
        symbolBreakMs: 120_000,
        rulesChangeRate: 0.001,
        gapRate: 0.01,
        gapPercent: 0.05,
        bnbCommissionRate: 0.5
      }
    })
    expect(() => parseFaultSpec('hand-trading=2')).toThrow('--faults hand-trading must be within 0..1, got "2"')
  })

  it('names what it cannot read', () => {
    expect(() => parseFaultSpec('latency')).toThrow('--faults: "latency" must be NAME=VALUE')
    expect(() => parseFaultSpec('explode=1')).toThrow('--faults: unknown fault "explode"')
    expect(() => parseFaultSpec('server-errors=1.5')).toThrow('--faults server-errors must be within 0..1, got "1.5"')
    expect(() => parseFaultSpec('drop-every=soon')).toThrow('--faults drop-every must be a duration')
    expect(() => parseFaultSpec('drop-every=0')).toThrow('--faults drop-every must be longer than 0')
    expect(() => parseFaultSpec('silence-for=1s')).toThrow('silence-for needs silence-every')
    expect(() => parseFaultSpec('silence-every=1s')).toThrow('silence-for must be shorter than silence-every')
  })
})
