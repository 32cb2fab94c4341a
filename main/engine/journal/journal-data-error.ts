import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/**
 * Raised when a value does not fit the journal's schema: money that is not exact decimal text on
 * the way in, or a stored value of the wrong type or outside its set on the way out.
 */
export class JournalDataError extends GridkeeperError {
  override readonly name = 'JournalDataError' as const
  /** The table the value belongs to. */
  readonly table: string
  /** The column (or record field) the value belongs to. */
  readonly column: string

  constructor(table: string, column: string, problem: string) {
    super('JOURNAL_BAD_VALUE', `journal ${table}.${column}: ${problem}`)
    this.table = table
    this.column = column
  }
}

/** Returns true for a JournalDataError, also after it crossed a process boundary. */
export function isJournalDataError(value: unknown): value is JournalDataError {
  return (value as { name?: unknown } | null)?.name === 'JournalDataError'
}
