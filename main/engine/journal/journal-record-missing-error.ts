import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/**
 * Raised when a write refers to a record the journal does not have: an update of an unknown
 * intent, or a row for a bot that was never saved.
 */
export class JournalRecordMissingError extends GridkeeperError {
  override readonly name = 'JournalRecordMissingError' as const
  /** What kind of record is missing, e.g. "bot". */
  readonly recordKind: string
  /** The key that was looked for. */
  readonly key: string

  constructor(recordKind: string, key: string, context: string) {
    super('JOURNAL_RECORD_MISSING', `${context}: journal has no ${recordKind} '${key}'`)
    this.recordKind = recordKind
    this.key = key
  }
}

/** Returns true for a JournalRecordMissingError, also after it crossed a process boundary. */
export function isJournalRecordMissingError(value: unknown): value is JournalRecordMissingError {
  return (value as { name?: unknown } | null)?.name === 'JournalRecordMissingError'
}
