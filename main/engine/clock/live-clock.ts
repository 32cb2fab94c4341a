import type { Clock } from './clock'

/** Wall-clock time for real trading. */
export class LiveClock implements Clock {
  /** Returns Date.now(). */
  nowMs(): number {
    return Date.now()
  }

  /** Waits on a real timer. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason)
        return
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }, Math.max(0, ms))
      const onAbort = () => {
        clearTimeout(timer)
        reject(signal?.reason)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }
}
