import { describe, expect, it } from 'vitest'
import { TestClock } from '../../clock/test-clock'
import { DEFAULT_RATE_LIMITS, RateLimiter } from './rate-limiter'

const T0 = Date.UTC(2026, 0, 1)

describe('RateLimiter', () => {
  it('counts weight in whole-minute windows and answers 429 -1003 with the seconds left', async () => {
    const clock = new TestClock(T0 + 15_000)
    const limiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, requestWeightPerMinute: 10 }, clock)
    limiter.checkWeight('ip', 10)
    limiter.addWeight('ip', 10)
    expect(() => limiter.checkWeight('ip', 1)).toThrow(expect.objectContaining({ httpStatus: 429, venueCode: -1003, retryAfterSeconds: 45 }))
    expect(() => limiter.checkWeight('other', 1)).not.toThrow()
    await clock.advance(45_000)
    expect(limiter.counts('ip').weight1m).toBe(0)
  })

  it('counts orders in 10-second and day windows, answers -1015 over either, and lowers the count on a first fill', async () => {
    const clock = new TestClock(T0)
    const limiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, ordersPer10Seconds: 3, ordersPerDay: 5 }, clock)
    limiter.addOrders(2)
    limiter.checkOrders(1)
    expect(() => limiter.checkOrders(2)).toThrow(expect.objectContaining({ httpStatus: 429, venueCode: -1015, venueMessage: 'Too many new orders; current limit is 3 orders per 10 SECOND.' }))
    limiter.firstFill()
    expect(limiter.counts('ip')).toMatchObject({ orders10s: 1, orders1d: 1 })
    limiter.firstFill()
    limiter.firstFill()
    expect(limiter.counts('ip')).toMatchObject({ orders10s: 0, orders1d: 0 })
    limiter.addOrders(3)
    await clock.advance(10_000)
    limiter.addOrders(2)
    expect(() => limiter.checkOrders(1)).toThrow(expect.objectContaining({ venueMessage: 'Too many new orders; current limit is 5 orders per 1 DAY.' }))
  })
})
