import { describe, expect, it } from 'vitest'
import { LiveClock } from '../../clock/live-clock'
import { settle, TestClock } from '../../clock/test-clock'
import { MemoryLogger } from '../../logging/logger'
import type { UserEvent } from '../port/user-event'
import events from './fixtures/user-events.json'
import { parseUserEvent } from './parse-user-event'
import { UserDataStream, type UserStreamConnection, type UserStreamSettings } from './user-data-stream'

class FakeConnection implements UserStreamConnection {
  readonly ended: Promise<string>
  closedWith: string | undefined
  private finish: (reason: string) => void = () => undefined

  constructor(readonly send: (raw: unknown) => void) {
    this.ended = new Promise((resolve) => (this.finish = resolve))
  }

  close(reason: string): void {
    if (this.closedWith !== undefined) return
    this.closedWith = reason
    this.finish(reason)
  }
}

function harness(settings: UserStreamSettings = {}) {
  const clock = new TestClock(Date.UTC(2026, 0, 5))
  const logger = new MemoryLogger()
  const received: UserEvent[] = []
  const attempts: number[] = []
  const connections: FakeConnection[] = []
  let refusals = 0
  let openOrders = false
  const stream = new UserDataStream({
    connect: async (onFrame) => {
      attempts.push(clock.nowMs())
      if (refusals > 0) {
        refusals -= 1
        throw new Error('connection refused')
      }
      const connection = new FakeConnection(onFrame)
      connections.push(connection)
      return connection
    },
    readFrame: (raw) => parseUserEvent(raw, () => undefined),
    onEvent: (event) => received.push(event),
    hasOpenOrders: () => openOrders,
    clock,
    logger,
    random: () => 1,
    settings
  })
  return {
    clock,
    stream,
    received,
    attempts,
    connections,
    logger,
    refuse: (count: number) => (refusals = count),
    setOpenOrders: (value: boolean) => (openOrders = value),
    statuses: () => received.flatMap((event) => (event.type === 'stream' ? [`${event.status}: ${event.reason}`] : [])),
    latest: () => connections[connections.length - 1] as FakeConnection
  }
}

describe('UserDataStream', () => {
  it('subscribes and delivers events; the first subscription is no reconnect, so no status event', async () => {
    const world = harness()
    world.stream.start()
    await settle()
    world.latest().send(events.new)
    world.latest().send(events.balanceUpdate)
    expect(world.received.map((event) => event.type)).toEqual(['execution'])
    expect(world.stream.status().state).toBe('connected')
    await world.stream.stop()
  })

  it('on a drop emits disconnected, reconnects at once and emits connected', async () => {
    const world = harness()
    world.stream.start()
    await settle()
    world.connections[0]?.close('the connection dropped')
    await settle()
    expect(world.statuses()).toEqual(['disconnected: the connection dropped', 'connected: subscribed again; events may have been missed'])
    expect(world.attempts).toEqual([world.clock.nowMs(), world.clock.nowMs()])
    await world.stream.stop()
  })

  it('backs off exponentially between failed attempts, up to the ceiling', async () => {
    const world = harness({ backoff: { initialMs: 500, maxMs: 2_000 } })
    world.refuse(4)
    const start = world.clock.nowMs()
    world.stream.start()
    await world.clock.advance(10_000)
    expect(world.attempts.map((at) => at - start)).toEqual([0, 500, 1_500, 3_500, 5_500])
    expect(world.stream.status().state).toBe('connected')
    expect(world.logger.lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual(['user-data stream: subscribing failed; retrying'])
    await world.stream.stop()
  })

  it('treats a stream silent beyond the idle timeout while orders are open as dead, and a quiet one without orders as fine', async () => {
    const world = harness({ idleTimeoutMs: 1_000, idleCheckIntervalMs: 100 })
    world.stream.start()
    await settle()
    await world.clock.advance(5_000)
    expect(world.connections).toHaveLength(1)
    world.setOpenOrders(true)
    await world.clock.advance(600)
    world.latest().send(events.new)
    await world.clock.advance(900)
    expect(world.connections).toHaveLength(1)
    await world.clock.advance(200)
    expect(world.connections[0]?.closedWith).toMatch(/^idle watchdog: no user data for 1\d00 ms while orders are open$/)
    expect(world.statuses()).toEqual([expect.stringMatching(/^disconnected: idle watchdog/), 'connected: subscribed again; events may have been missed'])
    expect(world.connections).toHaveLength(2)
    await world.stream.stop()
  })

  it('reconnects when the server announces a shutdown or ends the subscription', async () => {
    const world = harness()
    world.stream.start()
    await settle()
    world.latest().send(events.serverShutdown)
    await settle()
    world.latest().send(events.eventStreamTerminated)
    await settle()
    expect(world.statuses()).toEqual([
      'disconnected: the server announced a shutdown',
      'connected: subscribed again; events may have been missed',
      'disconnected: the server ended the subscription',
      'connected: subscribed again; events may have been missed'
    ])
    await world.stream.stop()
  })

  it('asks for a reconciliation when an event cannot be read', async () => {
    const world = harness()
    world.stream.start()
    await settle()
    world.latest().send(events.unknownStatus)
    expect(world.statuses()).toEqual([expect.stringMatching(/^connected: an unreadable user-data event was skipped \(.*PENDING_AMEND.*\); reconcile$/)])
    await world.stream.stop()
  })

  it('holds order entry until the first subscription; an order sent without it makes the subscription announce itself', async () => {
    const world = harness({ firstSubscribeWaitMs: 1_000, backoff: { initialMs: 2_000, maxMs: 2_000 } })
    world.refuse(1)
    world.stream.start()
    let entered = false
    void world.stream.beforeOrderEntry().then(() => (entered = true))
    await world.clock.advance(999)
    expect(entered).toBe(false)
    await world.clock.advance(1)
    expect(entered).toBe(true)
    await world.clock.advance(2_000)
    expect(world.statuses()).toEqual(['connected: subscribed after orders were sent without a stream'])
    await world.stream.beforeOrderEntry()
    await world.stream.stop()
  })

  it('stops for good: closes the connection and reconnects no more', async () => {
    const world = harness()
    world.stream.start()
    await settle()
    await world.stream.stop()
    expect(world.connections[0]?.closedWith).toBe('stopped')
    await world.clock.advance(60_000)
    expect(world.attempts).toHaveLength(1)
    expect(world.stream.status().state).toBe('stopped')
    expect(world.clock.nextDueMs()).toBeUndefined()
  })

  it('ends quietly when its clock stops (the process is stopping), instead of ticking on at once', async () => {
    const clock = new LiveClock()
    const logger = new MemoryLogger()
    const connections: FakeConnection[] = []
    const stream = new UserDataStream({
      ...liveDeps(clock, logger),
      connect: async (onFrame) => {
        const connection = new FakeConnection(onFrame)
        connections.push(connection)
        return connection
      }
    })
    stream.start()
    while (stream.status().state !== 'connected') await new Promise((resolve) => setTimeout(resolve, 5))
    clock.stop()
    // Timers fire only while nothing spins: the stream ends by itself
    while (stream.status().state !== 'stopped') await new Promise((resolve) => setTimeout(resolve, 5))
    expect(connections.map((connection) => connection.closedWith)).toEqual(['stopped'])
    await stream.stop()
    expect(logger.lines.filter((line) => line.level !== 'debug')).toEqual([])
  })

  it('lets an order entry waiting for the first subscription go on when its clock stops, and reconnects no more', async () => {
    const clock = new LiveClock()
    const logger = new MemoryLogger()
    let attempts = 0
    const stream = new UserDataStream({ ...liveDeps(clock, logger), connect: () => (attempts++, new Promise<FakeConnection>(() => undefined)) })
    stream.start()
    const entry = stream.beforeOrderEntry()
    clock.stop()
    await entry
    while (stream.status().state !== 'stopped') await new Promise((resolve) => setTimeout(resolve, 5))
    expect(attempts).toBe(1)
    expect(logger.lines.filter((line) => line.level !== 'debug')).toEqual([])
    await stream.stop()
  })
})

/** A stream's dependencies on a live clock: a minute between idle checks and for the first subscription. */
function liveDeps(clock: LiveClock, logger: MemoryLogger) {
  return {
    readFrame: (raw: unknown) => parseUserEvent(raw, () => undefined),
    onEvent: () => undefined,
    hasOpenOrders: () => true,
    clock,
    logger,
    random: () => 1,
    settings: { idleCheckIntervalMs: 60_000, firstSubscribeWaitMs: 60_000, connectTimeoutMs: 60_000 }
  }
}
