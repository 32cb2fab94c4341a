import type { Logger } from '../engine/logging/logger'

/** Why `serve` refused or dropped a connection before it reached the app. */
export type RefusalReason = 'bad host' | 'bad origin' | 'bad token' | 'no such endpoint' | 'too many requests at once'

/**
 * Counts refused connections and writes one line per period for all of them (a page or a scanner
 * retrying in a loop would otherwise write a line per attempt), e.g. "refused 37 connections in
 * the last minute (bad token 30, bad origin 7)". Nothing is written in a period without refusals.
 */
export class RefusalTally {
  private readonly counts = new Map<RefusalReason, number>()
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly logger: Logger,
    private readonly periodMs: number
  ) {}

  /** Counts one refused connection; the period's line is written when the period ends. */
  count(reason: RefusalReason): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1)
    if (this.timer !== undefined) return
    this.timer = setTimeout(() => this.flush(), this.periodMs)
    this.timer.unref()
  }

  /** Writes the line of the refusals counted so far, if any, and starts a new period. */
  flush(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    const entries = [...this.counts].sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b))
    this.counts.clear()
    const total = entries.reduce((sum, [, count]) => sum + count, 0)
    if (total === 0) return
    const reasons = entries.map(([reason, count]) => `${reason} ${count}`).join(', ')
    this.logger.warn(`refused ${total} connection${total === 1 ? '' : 's'} in the last ${describePeriod(this.periodMs)} (${reasons})`)
  }
}

function describePeriod(ms: number): string {
  if (ms === 60_000) return 'minute'
  return ms % 60_000 === 0 ? `${ms / 60_000} minutes` : `${ms / 1000} s`
}
