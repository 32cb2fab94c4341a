/** Base class of every error Gridkeeper raises on purpose; `code` is stable and machine-readable. */
export class GridkeeperError extends Error {
  override readonly name: string = 'GridkeeperError'
  readonly code: string

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }
}

/** Returns true for a GridkeeperError, also one that crossed a process boundary as plain data. */
export function isGridkeeperError(value: unknown): value is GridkeeperError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string' &&
    typeof (value as { name?: unknown }).name === 'string'
  )
}
