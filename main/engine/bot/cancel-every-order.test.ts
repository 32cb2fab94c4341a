import { describe, expect, it } from 'vitest'
import { TestClock } from '../clock/test-clock'
import type { Exchange } from '../exchange/port/exchange'
import type { OrderStatusReport } from '../exchange/port/order-report'
import { openJournal } from '../journal'
import type { OrderGateway } from '../orders/order-gateway'
import { runOnClock } from '../orders/stubs'
import { cancelEveryOrder } from './cancel-every-order'

/** An exchange that keeps showing one order of bot b1 open, whatever is cancelled, and counts its listings. */
function stubbornExchange(clock: TestClock) {
  const listings: number[] = []
  const exchange = {
    openOrders: async () => {
      listings.push(clock.nowMs())
      return [{ clientOrderId: 'gk-b1-3B-1' } as unknown as OrderStatusReport]
    }
  } as unknown as Exchange
  return { exchange, listings }
}

describe('cancelEveryOrder', () => {
  it('makes the configured number of sweeps with the configured pause between them, then reports what stays open', async () => {
    const clock = new TestClock(0)
    const { exchange, listings } = stubbornExchange(clock)
    const gateway = { cancelUntracked: async () => false } as unknown as OrderGateway
    const journal = openJournal(':memory:')
    const result = await runOnClock(clock, cancelEveryOrder({ botId: 'b1', symbol: 'BTCUSDT', exchange, journal, clock, gateway, sweeps: 3, pauseMs: 2_500 }))
    expect(result).toEqual({ cancelled: [], remaining: ['gk-b1-3B-1'] })
    expect(listings).toEqual([0, 0, 2_500])
    journal.close()
  })
})
