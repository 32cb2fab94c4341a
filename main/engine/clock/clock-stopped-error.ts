import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/** The message of every ClockStoppedError, which log lines carry when a stop cut work short. */
export const CLOCK_STOPPED_MESSAGE = 'Gridkeeper is stopping'

/** A wait on a clock that was stopped: the process is stopping, and nothing waits any more. */
export class ClockStoppedError extends GridkeeperError {
  override readonly name = 'ClockStoppedError' as const

  constructor() {
    super('CLOCK_STOPPED', CLOCK_STOPPED_MESSAGE)
  }
}

/** Returns true for a ClockStoppedError, also after it crossed a process boundary. */
export function isClockStoppedError(value: unknown): value is ClockStoppedError {
  return (value as { name?: unknown } | null)?.name === 'ClockStoppedError'
}
