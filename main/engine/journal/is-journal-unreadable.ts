import { isJournalOpenError } from './journal-open-error'

/** SQLite's primary result codes for a damaged file (SQLITE_CORRUPT) and a file that is not a database (SQLITE_NOTADB). */
const SQLITE_CORRUPT = 11
const SQLITE_NOTADB = 26

/**
 * Tells whether an error from the journal means its file cannot be read: SQLite found it damaged
 * or not a database (node:sqlite reports the code as `errcode`, extended codes included), or the
 * journal was refused as such when opened. Nothing written to such a journal can be trusted to
 * be read back, so its bots must not trade on it.
 */
export function isJournalUnreadable(error: unknown): boolean {
  if (isJournalOpenError(error)) return error.code === 'JOURNAL_CORRUPT'
  const code = (error as { errcode?: unknown } | null)?.errcode
  if (typeof code !== 'number') return false
  // Extended result codes keep the primary code in their low byte (SQLITE_CORRUPT_INDEX is 779)
  const primary = code & 0xff
  return primary === SQLITE_CORRUPT || primary === SQLITE_NOTADB
}
