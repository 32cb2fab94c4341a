import { describe, expect, it } from 'vitest'
import { isClockStoppedError } from './clock-stopped-error'
import { LiveClock } from './live-clock'

describe('LiveClock', () => {
  it('sleeps on a real timer, and a sleep whose signal aborts rejects with its reason', async () => {
    const clock = new LiveClock()
    const before = clock.nowMs()
    await clock.sleep(5)
    expect(clock.nowMs()).toBeGreaterThanOrEqual(before)
    const controller = new AbortController()
    const sleeping = clock.sleep(60_000, controller.signal)
    controller.abort(new Error('no longer needed'))
    await expect(sleeping).rejects.toThrow('no longer needed')
  })

  it('ends every wait when stopped, and refuses every later one at once', async () => {
    const clock = new LiveClock()
    const signal = new AbortController().signal
    const waits = [clock.sleep(60_000), clock.sleep(3_600_000, signal)]
    clock.stop()
    for (const wait of waits) {
      const error = await wait.then(() => undefined, (failure: unknown) => failure)
      expect(isClockStoppedError(error)).toBe(true)
      expect((error as Error).message).toBe('Gridkeeper is stopping')
    }
    await expect(clock.sleep(0)).rejects.toThrow('Gridkeeper is stopping')
    expect(clock.nowMs()).toBeGreaterThan(0)
  })
})
