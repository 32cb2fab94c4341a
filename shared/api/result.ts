/** Describes a failure that crosses the IPC boundary as data. */
export interface ApiError {
  /** Machine-readable kind of the failure, such as `forbidden-sender`. */
  readonly code: string
  /** Human-readable explanation, safe to show in the UI. */
  readonly message: string
  /** Structured context for logs and diagnostics. */
  readonly details?: unknown
}

/** Holds either the value of a successful command or the error that stopped it. */
export type Result<T, E = ApiError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E }

/** Wraps a value in a successful result. */
export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value }
}

/** Builds a failed result from an error code, a message and optional details. */
export function fail(code: string, message: string, details?: unknown): Result<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } }
}
