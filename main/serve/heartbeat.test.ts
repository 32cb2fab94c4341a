import { EventEmitter } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WebSocket } from 'ws'
import { Heartbeat } from './heartbeat'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

/** A socket that records pings and terminations, and answers pings when told to. */
function fakeSocket(answers: boolean) {
  const socket = Object.assign(new EventEmitter(), {
    pings: 0,
    terminated: false,
    ping: () => {
      socket.pings += 1
      if (answers) queueMicrotask(() => socket.emit('pong'))
    },
    terminate: () => {
      socket.terminated = true
      socket.emit('close')
    }
  })
  return socket
}

describe('Heartbeat', () => {
  it('pings every interval, keeps a socket that answers and closes one that missed the last ping', async () => {
    const silent: WebSocket[] = []
    const heartbeat = new Heartbeat(1_000, (socket) => silent.push(socket))
    const answering = fakeSocket(true)
    const quiet = fakeSocket(false)
    heartbeat.watch(answering as unknown as WebSocket)
    heartbeat.watch(quiet as unknown as WebSocket)
    await vi.advanceTimersByTimeAsync(1_000)
    expect([answering.pings, quiet.pings]).toEqual([1, 1])
    await vi.advanceTimersByTimeAsync(1_000)
    expect(quiet.terminated).toBe(true)
    expect(silent).toEqual([quiet])
    await vi.advanceTimersByTimeAsync(10_000)
    expect(answering.terminated).toBe(false)
    expect(answering.pings).toBe(12)
    expect(quiet.pings).toBe(1)
    heartbeat.stop()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('forgets a socket that closed', async () => {
    const heartbeat = new Heartbeat(1_000, () => undefined)
    const socket = fakeSocket(false)
    heartbeat.watch(socket as unknown as WebSocket)
    socket.emit('close')
    await vi.advanceTimersByTimeAsync(5_000)
    expect(socket.pings).toBe(0)
    heartbeat.stop()
  })
})
