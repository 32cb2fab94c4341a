import { describe, expect, it } from 'vitest'
import { runOnClock } from '../orders/stubs'
import { TestClock } from '../clock/test-clock'
import { ExchangeRetryableError } from '../exchange/errors/exchange-retryable-error'
import type { Exchange } from '../exchange/port/exchange'
import { DEFAULT_RETRY_POLICY } from '../orders/retry-policy'
import { withRetryingReads } from './retrying-reads'

/** An exchange whose reads fail with `error` the first `failures` times, and whose placements always fail. */
function flaky(clock: TestClock, failures: number, error: Error) {
  const calls: { method: string; atMs: number }[] = []
  const exchange = {
    openOrders: async () => {
      calls.push({ method: 'openOrders', atMs: clock.nowMs() })
      if (calls.filter((call) => call.method === 'openOrders').length <= failures) throw error
      return []
    },
    placeOrder: async () => {
      calls.push({ method: 'placeOrder', atMs: clock.nowMs() })
      throw error
    }
  } as unknown as Exchange
  return { exchange, calls }
}

const BURST = new ExchangeRetryableError('timestamp', -1021, 0, 'Timestamp for this request is outside of the recvWindow.')

describe('withRetryingReads', () => {
  it('asks a read again after the backoff through a burst of -1021, and answers once it passes', async () => {
    const clock = new TestClock(0)
    const { exchange, calls } = flaky(clock, 3, BURST)
    const reading = withRetryingReads(exchange, clock, DEFAULT_RETRY_POLICY, () => 0.5)
    expect(await runOnClock(clock, reading.openOrders('BTCUSDT'))).toEqual([])
    expect(calls.map((call) => call.atMs)).toEqual([0, 375, 1_125, 2_625])
  })

  it("honours a rate limit's Retry-After, and gives up with the last error once the attempts are spent", async () => {
    const clock = new TestClock(0)
    const limited = new ExchangeRetryableError('rate-limit', -1003, 5_000, 'Too many requests')
    const { exchange, calls } = flaky(clock, 100, limited)
    const reading = withRetryingReads(exchange, clock, { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 }, () => 0.5)
    await expect(runOnClock(clock, reading.openOrders('BTCUSDT'))).rejects.toBe(limited)
    expect(calls.map((call) => call.atMs)).toEqual([0, 5_000, 10_000])
  })

  it('says at once that the exchange cannot be reached, and never sends an order again', async () => {
    const clock = new TestClock(0)
    const unreachable = new ExchangeRetryableError('busy', 0, 1_000, 'the exchange could not be reached (ECONNREFUSED)')
    const { exchange, calls } = flaky(clock, 100, unreachable)
    const reading = withRetryingReads(exchange, clock, DEFAULT_RETRY_POLICY, () => 0.5)
    await expect(reading.openOrders('BTCUSDT')).rejects.toBe(unreachable)
    await expect(reading.placeOrder({} as never)).rejects.toBe(unreachable)
    expect(calls.map((call) => call.method)).toEqual(['openOrders', 'placeOrder'])
  })
})
