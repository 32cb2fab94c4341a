import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/**
 * A file a person named that Gridkeeper will not read: missing, not a regular file (a folder, a
 * device such as /dev/zero, a named pipe, a socket), larger than the limit, or unreadable. The
 * message names the path and says what to do; `reason` says the same without the path.
 */
export class InputFileError extends GridkeeperError {
  override readonly name = 'InputFileError' as const
  readonly path: string
  /** Why, without the path: "is a named pipe (FIFO), not a regular file". */
  readonly reason: string

  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super('INPUT_FILE', `${path} ${reason}`, options)
    this.path = path
    this.reason = reason
  }
}

/** Returns true for an InputFileError, also after it crossed a process boundary. */
export function isInputFileError(value: unknown): value is InputFileError {
  return (value as { name?: unknown } | null)?.name === 'InputFileError'
}
