import { describe, expect, it } from 'vitest'
import { TestClock } from './test-clock'

describe('TestClock', () => {
  it('wakes sleepers in due order as time advances, and not before', async () => {
    const clock = new TestClock(1000)
    const woke: string[] = []
    void clock.sleep(300).then(() => woke.push(`b@${clock.nowMs()}`))
    void clock.sleep(100).then(() => woke.push(`a@${clock.nowMs()}`))
    await clock.advance(99)
    expect(woke).toEqual([])
    await clock.advance(150)
    expect(woke).toEqual(['a@1100'])
    expect(clock.nowMs()).toBe(1249)
    await clock.advance(1000)
    expect(woke).toEqual(['a@1100', 'b@1300'])
  })

  it('runs work a sleeper schedules during the same advance', async () => {
    const clock = new TestClock(0)
    const woke: number[] = []
    void (async () => {
      await clock.sleep(10)
      woke.push(clock.nowMs())
      await clock.sleep(10)
      woke.push(clock.nowMs())
    })()
    await clock.advance(25)
    expect(woke).toEqual([10, 20])
  })

  it('rejects an aborted sleep and forgets it', async () => {
    const clock = new TestClock(0)
    const controller = new AbortController()
    const sleeping = clock.sleep(50, controller.signal)
    controller.abort(new Error('stop'))
    await expect(sleeping).rejects.toThrow('stop')
    expect(clock.nextDueMs()).toBeUndefined()
  })
})
