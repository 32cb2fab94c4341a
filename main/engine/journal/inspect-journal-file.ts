import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { pathToFileURL } from 'node:url'
import { JournalOpenError } from './journal-open-error'
import { readPragmaNumber } from './read-pragma-number'
import { SQLITE_HEADER_LENGTH, sqliteHeaderProblem } from './sqlite-header'

/** What a read-only look at a journal path found. */
export type JournalFileFacts =
  | { readonly kind: 'missing' }
  /** A zero-byte file: SQLite's own state between creating a file and its first write. */
  | { readonly kind: 'empty' }
  | {
      readonly kind: 'database'
      readonly userVersion: number
      readonly applicationId: number
      /** How many tables, indexes, views and triggers it holds. */
      readonly schemaObjectCount: number
    }

/**
 * Looks at a journal path without changing it: checks the SQLite header with plain file reads,
 * and only then opens it read-only to read its version, application id and schema size. Throws
 * JournalOpenError (`JOURNAL_CORRUPT`, `JOURNAL_INACCESSIBLE`) when it cannot be a database.
 */
export function inspectJournalFile(path: string): JournalFileFacts {
  const size = fileSize(path)
  if (size === undefined) return { kind: 'missing' }
  if (size === 0) return { kind: 'empty' }
  const problem = sqliteHeaderProblem(readHeader(path), size)
  if (problem !== undefined) {
    throw new JournalOpenError('JOURNAL_CORRUPT', path, `journal ${path} is not a SQLite database: ${problem}`)
  }
  return readDatabaseFacts(path)
}

/** Returns the file's size, or undefined when nothing is there. */
function fileSize(path: string): number | undefined {
  try {
    const stat = statSync(path)
    if (!stat.isFile()) throw new JournalOpenError('JOURNAL_INACCESSIBLE', path, `journal ${path} is not a file`)
    return stat.size
  } catch (error) {
    if (error instanceof JournalOpenError) throw error
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw inaccessible(path, error)
  }
}

/** Reads the first bytes of the file (fewer when the file is shorter). */
function readHeader(path: string): Uint8Array {
  try {
    const descriptor = openSync(path, 'r')
    try {
      const header = new Uint8Array(SQLITE_HEADER_LENGTH)
      const length = readSync(descriptor, header, 0, SQLITE_HEADER_LENGTH, 0)
      return header.subarray(0, length)
    } finally {
      closeSync(descriptor)
    }
  } catch (error) {
    throw inaccessible(path, error)
  }
}

/**
 * Opens the database read-only and reads what decides whether it is a journal we may use. A
 * database with tables is checked whole (`PRAGMA quick_check`, a read of every page): a file
 * damaged in the middle has an intact header and schema, and would otherwise open and fail on
 * the first read of a damaged page, long after the bots were trusted to it.
 */
function readDatabaseFacts(path: string): JournalFileFacts {
  let db: DatabaseSync | undefined
  let facts: JournalFileFacts
  try {
    db = new DatabaseSync(readOnlyLocation(path), { readOnly: true })
    const userVersion = readPragmaNumber(db, 'user_version')
    const applicationId = readPragmaNumber(db, 'application_id')
    const counted = db.prepare('SELECT count(*) AS objects FROM sqlite_schema').get()
    facts = { kind: 'database', userVersion, applicationId, schemaObjectCount: Number(counted?.['objects'] ?? 0) }
    const damage = facts.schemaObjectCount === 0 ? undefined : firstDamage(db)
    if (damage !== undefined) throw new JournalOpenError('JOURNAL_CORRUPT', path, `journal ${path} is damaged: SQLite's check of it found ${damage}`)
  } catch (error) {
    if (error instanceof JournalOpenError) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw new JournalOpenError('JOURNAL_CORRUPT', path, `journal ${path} is not a readable SQLite database: ${reason}`, { cause: error })
  } finally {
    db?.close()
  }
  return facts
}

/** Returns the first problem SQLite's quick check finds in the database, or undefined when there is none. */
function firstDamage(db: DatabaseSync): string | undefined {
  const verdict = db.prepare('PRAGMA quick_check(1)').get()?.['quick_check']
  return verdict === 'ok' ? undefined : `"${String(verdict).replace(/\s+/g, ' ').trim()}"`
}

/**
 * Returns where to open the file read-only. Without a write-ahead log beside it the file alone is
 * the whole database, so it is opened `immutable`: SQLite then takes no locks and creates no
 * -wal/-shm files. With a log, committed data may still sit in it, so a normal read-only open is
 * needed to see it (the caller removes any sidecar that open creates).
 */
function readOnlyLocation(path: string): string | URL {
  if (existsSync(`${path}-wal`)) return path
  const location = pathToFileURL(path)
  location.searchParams.set('mode', 'ro')
  location.searchParams.set('immutable', '1')
  return location
}

/** Returns the error for a path the process cannot read. */
function inaccessible(path: string, error: unknown): JournalOpenError {
  const reason = error instanceof Error ? error.message : String(error)
  return new JournalOpenError('JOURNAL_INACCESSIBLE', path, `journal ${path} cannot be read: ${reason}`, { cause: error })
}
