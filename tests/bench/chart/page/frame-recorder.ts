/** Records the time between consecutive animation frames, which is what a stutter looks like to a person. */
export class FrameRecorder {
  #deltasMs: number[] = []
  #lastFrameMs: number | null = null
  #handle: number | null = null

  /** Starts recording; the first frame only sets the clock. */
  start(): void {
    if (this.#handle !== null) return
    const onFrame = (frameMs: number) => {
      if (this.#lastFrameMs !== null) this.#deltasMs.push(frameMs - this.#lastFrameMs)
      this.#lastFrameMs = frameMs
      this.#handle = requestAnimationFrame(onFrame)
    }
    this.#handle = requestAnimationFrame(onFrame)
  }

  /** Returns the deltas recorded so far and starts a new set. */
  take(): number[] {
    const deltas = this.#deltasMs
    this.#deltasMs = []
    return deltas
  }

  /** Stops recording. */
  stop(): void {
    if (this.#handle !== null) cancelAnimationFrame(this.#handle)
    this.#handle = null
    this.#lastFrameMs = null
  }
}
