/**
 * A first-come first-served async mutex. Holding it across an `await` is the point: between
 * "check funds" and "send the order" no other task may spend the same balance.
 */
export class AsyncLock {
  private tail: Promise<void> = Promise.resolve()
  private holders = 0

  /** Runs `work` alone: it starts after every earlier holder finished, and the next waits for it. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.tail
    let release!: () => void
    this.tail = new Promise<void>((resolve) => (release = resolve))
    await previous
    this.holders += 1
    try {
      return await work()
    } finally {
      this.holders -= 1
      release()
    }
  }

  /** Returns true while some task holds the lock. */
  isHeld(): boolean {
    return this.holders > 0
  }
}
