import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/**
 * Why a journal could not be opened:
 * `JOURNAL_CORRUPT` the file is not a readable SQLite database, or part of it is damaged;
 * `JOURNAL_LOST` there is no journal (no file, or an empty one), but the data folder shows an
 *   earlier one was there: a new journal would not know its bots' orders and would send them again;
 * `JOURNAL_TOO_NEW` it was written by a newer Gridkeeper (its schema version is above ours);
 * `JOURNAL_FOREIGN` it is a SQLite database, but not a Gridkeeper journal;
 * `JOURNAL_FOLDER_MISSING` the folder it should live in does not exist;
 * `JOURNAL_INACCESSIBLE` the path cannot be read or written (a folder, no permission, an I/O error);
 * `JOURNAL_WAL_UNAVAILABLE` the file system cannot hold a write-ahead log;
 * `JOURNAL_MIGRATION_FAILED` a schema upgrade failed and was rolled back.
 */
export type JournalOpenErrorCode =
  | 'JOURNAL_CORRUPT'
  | 'JOURNAL_LOST'
  | 'JOURNAL_TOO_NEW'
  | 'JOURNAL_FOREIGN'
  | 'JOURNAL_FOLDER_MISSING'
  | 'JOURNAL_INACCESSIBLE'
  | 'JOURNAL_WAL_UNAVAILABLE'
  | 'JOURNAL_MIGRATION_FAILED'

/** Raised when a journal file is refused or cannot be opened; the file is left as it was. */
export class JournalOpenError extends GridkeeperError {
  override readonly name = 'JournalOpenError' as const
  declare readonly code: JournalOpenErrorCode
  /** The journal file's absolute path. */
  readonly path: string
  /** For `JOURNAL_LOST`: what shows an earlier journal was there, each for a person to read. */
  readonly traces: readonly string[]

  constructor(code: JournalOpenErrorCode, path: string, message: string, options?: { cause?: unknown; traces?: readonly string[] }) {
    super(code, message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.path = path
    this.traces = options?.traces ?? []
  }
}

/** Returns true for a JournalOpenError, also after it crossed a process boundary. */
export function isJournalOpenError(value: unknown): value is JournalOpenError {
  return (value as { name?: unknown } | null)?.name === 'JournalOpenError'
}
