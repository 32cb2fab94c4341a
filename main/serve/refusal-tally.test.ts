import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MemoryLogger } from '../engine/logging/logger'
import { RefusalTally } from './refusal-tally'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('RefusalTally', () => {
  it('writes one line per minute for every refusal in it, by reason, most frequent first', () => {
    const logger = new MemoryLogger()
    const tally = new RefusalTally(logger, 60_000)
    for (let index = 0; index < 30; index += 1) tally.count('bad token')
    for (let index = 0; index < 7; index += 1) tally.count('bad origin')
    vi.advanceTimersByTime(59_999)
    expect(logger.lines).toEqual([])
    vi.advanceTimersByTime(1)
    expect(logger.lines).toEqual([{ level: 'warn', message: 'refused 37 connections in the last minute (bad token 30, bad origin 7)', fields: {} }])
  })

  it('starts a new minute after a line, and writes nothing in a quiet minute', () => {
    const logger = new MemoryLogger()
    const tally = new RefusalTally(logger, 60_000)
    tally.count('bad host')
    vi.advanceTimersByTime(60_000)
    vi.advanceTimersByTime(600_000)
    tally.count('bad host')
    tally.count('no such endpoint')
    vi.advanceTimersByTime(60_000)
    expect(logger.lines.map((line) => line.message)).toEqual([
      'refused 1 connection in the last minute (bad host 1)',
      'refused 2 connections in the last minute (bad host 1, no such endpoint 1)'
    ])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('writes what it counted when flushed early, then nothing more', () => {
    const logger = new MemoryLogger()
    const tally = new RefusalTally(logger, 60_000)
    tally.count('too many requests at once')
    tally.flush()
    tally.flush()
    vi.advanceTimersByTime(60_000)
    expect(logger.lines.map((line) => line.message)).toEqual(['refused 1 connection in the last minute (too many requests at once 1)'])
  })
})
