import type { Clock } from './clock'

interface Sleeper {
  readonly dueMs: number
  readonly order: number
  readonly resolve: () => void
}

/**
 * A virtual clock: time moves only when `advance` or `advanceTo` is called, and sleepers wake in
 * due-time order (ties in the order they went to sleep). Used by tests, chaos runs and backtests.
 */
export class TestClock implements Clock {
  private now: number
  private sleepers: Sleeper[] = []
  private counter = 0

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.now = startMs
  }

  /** Returns the virtual time. */
  nowMs(): number {
    return this.now
  }

  /** Resolves when the virtual time reaches now + ms. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason)
        return
      }
      const sleeper: Sleeper = { dueMs: this.now + Math.max(0, ms), order: this.counter++, resolve }
      this.sleepers.push(sleeper)
      signal?.addEventListener(
        'abort',
        () => {
          this.sleepers = this.sleepers.filter((entry) => entry !== sleeper)
          reject(signal.reason)
        },
        { once: true }
      )
    })
  }

  /** Returns the due time of the earliest sleeper, or undefined when nobody sleeps. */
  nextDueMs(): number | undefined {
    return this.sleepers.reduce<number | undefined>((min, entry) => (min === undefined || entry.dueMs < min ? entry.dueMs : min), undefined)
  }

  /** Moves time forward by `ms`, waking sleepers in order and letting each one's work run. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.now + ms)
  }

  /** Moves time forward to `targetMs` (never backwards), waking sleepers due on the way. */
  async advanceTo(targetMs: number): Promise<void> {
    for (;;) {
      await settle()
      const due = this.sleepers.filter((entry) => entry.dueMs <= targetMs).sort((a, b) => a.dueMs - b.dueMs || a.order - b.order)
      const next = due[0]
      if (next === undefined) break
      this.now = Math.max(this.now, next.dueMs)
      this.sleepers = this.sleepers.filter((entry) => entry !== next)
      next.resolve()
    }
    this.now = Math.max(this.now, targetMs)
    await settle()
  }
}

/** Lets pending promise callbacks and immediates run, so work woken by the clock completes. */
export async function settle(rounds = 5): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
}
