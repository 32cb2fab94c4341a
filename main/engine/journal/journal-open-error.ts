import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/**
 * Why a journal could not be opened:
 * `JOURNAL_CORRUPT` the file is not a readable SQLite database;
 * `JOURNAL_TOO_NEW` it was written by a newer Gridkeeper (its schema version is above ours);
 * `JOURNAL_FOREIGN` it is a SQLite database, but not a Gridkeeper journal;
 * `JOURNAL_FOLDER_MISSING` the folder it should live in does not exist;
 * `JOURNAL_INACCESSIBLE` the path cannot be read or written (a folder, no permission, an I/O error);
 * `JOURNAL_WAL_UNAVAILABLE` the file system cannot hold a write-ahead log;
 * `JOURNAL_MIGRATION_FAILED` a schema upgrade failed and was rolled back.
 */
export type JournalOpenErrorCode =
  | 'JOURNAL_CORRUPT'
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

  constructor(code: JournalOpenErrorCode, path: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options)
    this.path = path
  }
}

/** Returns true for a JournalOpenError, also after it crossed a process boundary. */
export function isJournalOpenError(value: unknown): value is JournalOpenError {
  return (value as { name?: unknown } | null)?.name === 'JournalOpenError'
}
