import { describe, expect, it } from 'vitest'
import { AsyncLock } from './async-lock'

describe('AsyncLock', () => {
  it('never lets two holders overlap, and serves them in arrival order', async () => {
    const lock = new AsyncLock()
    const trace: string[] = []
    let inside = 0
    const task = (name: string, pauses: number) =>
      lock.run(async () => {
        inside += 1
        trace.push(`${name}+${inside}`)
        for (let index = 0; index < pauses; index += 1) await Promise.resolve()
        inside -= 1
        trace.push(`${name}-`)
        return name
      })
    const results = await Promise.all([task('a', 3), task('b', 0), task('c', 5)])
    expect(results).toEqual(['a', 'b', 'c'])
    expect(trace).toEqual(['a+1', 'a-', 'b+1', 'b-', 'c+1', 'c-'])
  })

  it('releases the lock when the work throws', async () => {
    const lock = new AsyncLock()
    await expect(lock.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    await expect(lock.run(async () => 'next')).resolves.toBe('next')
    expect(lock.isHeld()).toBe(false)
  })
})
