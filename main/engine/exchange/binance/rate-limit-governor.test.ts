import { describe, expect, it } from 'vitest'
import { settle, TestClock } from '../../clock/test-clock'
import { RateLimitGovernor } from './rate-limit-governor'

const START = Date.UTC(2026, 0, 5, 12, 0, 0)

function governor(options = {}) {
  const clock = new TestClock(START)
  const subject = new RateLimitGovernor(clock, () => clock.nowMs(), options)
  subject.configure([
    { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 100 },
    { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 10 },
    { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 1000 },
    { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 300_000 }
  ])
  return { clock, subject }
}

async function admitted(clock: TestClock, admission: Promise<void>): Promise<number> {
  let done = false
  void admission.then(() => (done = true))
  const started = clock.nowMs()
  await settle()
  for (let step = 0; step < 1000 && !done; step += 1) await clock.advance(100)
  if (!done) throw new Error('not admitted')
  return clock.nowMs() - started
}

describe('RateLimitGovernor', () => {
  it('lets requests through while the weight reported by the headers is below the headroom', async () => {
    const { clock, subject } = governor()
    subject.observe({ 'x-mbx-used-weight-1m': '50' })
    expect(await admitted(clock, subject.admit({ weight: 20, orders: 0 }))).toBe(0)
    expect(subject.usage().find((usage) => usage.kind === 'weight')).toMatchObject({ limit: 100, used: 70 })
  })

  it('waits for the next minute when the weight would pass 90 % of the limit', async () => {
    const { clock, subject } = governor()
    await clock.advance(30_000)
    subject.observe({ 'x-mbx-used-weight-1m': '85' })
    const waited = await admitted(clock, subject.admit({ weight: 20, orders: 0 }))
    expect(waited).toBeGreaterThanOrEqual(30_000)
    expect(waited).toBeLessThan(31_000)
    expect(subject.usage().find((usage) => usage.kind === 'weight')?.used).toBe(20)
  })

  it('counts orders in the 10-second window from the order-count headers and waits for it to turn', async () => {
    const { clock, subject } = governor()
    subject.observe({ 'x-mbx-order-count-10s': '9', 'x-mbx-order-count-1d': '9' })
    const waited = await admitted(clock, subject.admit({ weight: 1, orders: 1 }))
    expect(waited).toBeGreaterThanOrEqual(10_000)
    expect(waited).toBeLessThan(11_000)
  })

  it('holds every send after a 429 until Retry-After, and refuses at once a wait longer than maxWaitMs', async () => {
    const { clock, subject } = governor({ maxWaitMs: 5_000 })
    subject.hold(3_000, 'rate-limit', -1003)
    expect(await admitted(clock, subject.admit({ weight: 1, orders: 0 }))).toBeGreaterThanOrEqual(3_000)
    subject.hold(120_000, 'banned', -1003)
    await expect(subject.admit({ weight: 1, orders: 0 })).rejects.toMatchObject({ name: 'ExchangeRetryableError', reason: 'banned', venueCode: -1003, retryAfterMs: 120_000 })
    expect(subject.heldUntilMs()).toBe(clock.nowMs() + 120_000)
  })

  it('refuses at once when the daily order limit is near: that wait is hours', async () => {
    const { subject } = governor()
    subject.observe({ 'x-mbx-order-count-1d': '950' })
    await expect(subject.admit({ weight: 1, orders: 1 })).rejects.toMatchObject({ name: 'ExchangeRetryableError', reason: 'rate-limit', venueCode: -1015 })
  })

  it('keeps the highest weight seen within a window (answers arrive out of order), takes order counts as told (fills lower them), and starts again in the next window', async () => {
    const { clock, subject } = governor()
    subject.observe({ 'x-mbx-used-weight-1m': '40', 'x-mbx-order-count-1d': '12' })
    subject.observe({ 'x-mbx-used-weight-1m': '30', 'x-mbx-order-count-1d': '9' })
    expect(subject.usage().find((usage) => usage.kind === 'weight')?.used).toBe(40)
    expect(subject.usage().find((usage) => usage.intervalMs === 86_400_000)?.used).toBe(9)
    await clock.advance(60_000)
    expect(subject.usage().find((usage) => usage.kind === 'weight')?.used).toBe(0)
  })
})
