/** What keeping the computer awake takes (Electron's powerSaveBlocker). */
export interface SleepBlocker {
  start(type: 'prevent-app-suspension'): number
  stop(id: number): void
}

/** Keeps the computer from sleeping while it should stay awake (a live bot runs), and only then. */
export class SleepGuard {
  private id: number | undefined

  constructor(private readonly blocker: SleepBlocker) {}

  /** Starts or stops blocking sleep to match `keepAwake`. */
  update(keepAwake: boolean): void {
    if (keepAwake && this.id === undefined) this.id = this.blocker.start('prevent-app-suspension')
    else if (!keepAwake && this.id !== undefined) {
      this.blocker.stop(this.id)
      this.id = undefined
    }
  }
}
