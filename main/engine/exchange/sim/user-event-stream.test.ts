import { describe, expect, it } from 'vitest'
import { settle, TestClock } from '../../clock/test-clock'
import type { UserEvent } from '../port/user-event'
import { SimFaults } from './sim-faults'
import { UserEventStream } from './user-event-stream'

const T0 = Date.UTC(2026, 0, 1)
const balances = (time: number): UserEvent => ({ type: 'balances', balances: [], eventTimeMs: time })

describe('UserEventStream', () => {
  it('delivers every event to every listener present at delivery, in emission order', async () => {
    const clock = new TestClock(T0)
    const stream = new UserEventStream(clock, new SimFaults())
    const first: number[] = []
    const second: number[] = []
    stream.subscribe((event) => first.push(event.eventTimeMs))
    stream.emit(balances(1))
    stream.emit(balances(2))
    stream.subscribe((event) => second.push(event.eventTimeMs))
    expect(stream.pendingCount()).toBe(2)
    await settle()
    expect(first).toEqual([1, 2])
    expect(second).toEqual([1, 2])
    expect(stream.pendingCount()).toBe(0)
  })

  it('announces a disconnect and a reconnect once each, however often asked', async () => {
    const clock = new TestClock(T0)
    const faults = new SimFaults()
    const stream = new UserEventStream(clock, faults)
    const seen: string[] = []
    stream.subscribe((event) => seen.push(event.type === 'stream' ? event.status : event.type))
    stream.disconnect('test')
    stream.disconnect('test')
    expect(stream.isConnected()).toBe(false)
    stream.reconnect('test')
    stream.reconnect('test')
    await settle()
    expect(seen).toEqual(['disconnected', 'connected'])
    expect(faults.stats().streamDisconnects).toBe(1)
  })

  it('never drops, duplicates or delays its own stream notices', async () => {
    const clock = new TestClock(T0)
    const stream = new UserEventStream(clock, new SimFaults({ streamDropRate: 1 }))
    const seen: string[] = []
    stream.subscribe((event) => seen.push(event.type))
    stream.emit(balances(1))
    stream.disconnect('test')
    await settle()
    expect(seen).toEqual(['stream'])
  })
})
