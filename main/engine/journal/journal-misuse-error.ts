import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/** Raised when the journal is used in a way that cannot be correct (a programmer error). */
export class JournalMisuseError extends GridkeeperError {
  override readonly name = 'JournalMisuseError' as const

  constructor(message: string) {
    super('JOURNAL_MISUSE', message)
  }
}

/** Returns true for a JournalMisuseError, also after it crossed a process boundary. */
export function isJournalMisuseError(value: unknown): value is JournalMisuseError {
  return (value as { name?: unknown } | null)?.name === 'JournalMisuseError'
}
