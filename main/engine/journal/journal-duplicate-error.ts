import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/** Raised when a record that must be new already exists (an intent or incident id used twice). */
export class JournalDuplicateError extends GridkeeperError {
  override readonly name = 'JournalDuplicateError' as const
  /** What kind of record it is, e.g. "intent". */
  readonly recordKind: string
  /** The key that is already taken. */
  readonly key: string

  constructor(recordKind: string, key: string) {
    super('JOURNAL_DUPLICATE', `journal already has ${recordKind} '${key}'`)
    this.recordKind = recordKind
    this.key = key
  }
}

/** Returns true for a JournalDuplicateError, also after it crossed a process boundary. */
export function isJournalDuplicateError(value: unknown): value is JournalDuplicateError {
  return (value as { name?: unknown } | null)?.name === 'JournalDuplicateError'
}
