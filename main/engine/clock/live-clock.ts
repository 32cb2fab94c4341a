import type { Clock } from './clock'
import { ClockStoppedError } from './clock-stopped-error'

/**
 * Wall-clock time for real trading. `stop()` ends every wait at once and every later one
 * immediately, so nothing sleeping on it (a retry waiting out a Retry-After, the rate-limit
 * governor waiting for the next window, a backoff) keeps a stopping process alive.
 */
export class LiveClock implements Clock {
  private readonly stopped = new AbortController()

  /** Returns Date.now(). */
  nowMs(): number {
    return Date.now()
  }

  /** Waits on a real timer; rejects with the signal's reason if aborted, and with ClockStoppedError once the clock is stopped. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const stopped = this.stopped.signal
      if (signal?.aborted) {
        reject(signal.reason)
        return
      }
      if (stopped.aborted) {
        reject(stopped.reason)
        return
      }
      const settle = (outcome: () => void) => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        stopped.removeEventListener('abort', onStop)
        outcome()
      }
      const onAbort = () => settle(() => reject(signal?.reason))
      const onStop = () => settle(() => reject(stopped.reason))
      const timer = setTimeout(() => settle(resolve), Math.max(0, ms))
      signal?.addEventListener('abort', onAbort, { once: true })
      stopped.addEventListener('abort', onStop, { once: true })
    })
  }

  /** Ends every wait now with a ClockStoppedError, and every later wait at once; the time still reads. */
  stop(): void {
    this.stopped.abort(new ClockStoppedError())
  }
}
