import type { Clock } from '../../clock/clock'

/**
 * A clock that reads another one, except while a piece of work runs pinned to a given time:
 * replaying a saved paper account pins each recorded action to the time it first happened, so
 * orders, fills and balances come back with their original timestamps.
 */
export class PinnableClock implements Clock {
  private pinnedMs: number | undefined

  constructor(private readonly base: Clock) {}

  /** Returns the pinned time during `runAt`, else the underlying clock's time. */
  nowMs(): number {
    return this.pinnedMs ?? this.base.nowMs()
  }

  /** Sleeps on the underlying clock. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.base.sleep(ms, signal)
  }

  /** Runs synchronous work with the time pinned to `timeMs`. */
  runAt<T>(timeMs: number, work: () => T): T {
    const previous = this.pinnedMs
    this.pinnedMs = timeMs
    try {
      return work()
    } finally {
      this.pinnedMs = previous
    }
  }
}
