import { mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { configureConnection } from './configure-connection'
import { inspectJournalFile } from './inspect-journal-file'
import { journalIdentityProblem, journalRefusedError } from './journal-identity-problem'
import { JournalOpenError } from './journal-open-error'
import { migrateJournal } from './migrate-journal'
import { LATEST_JOURNAL_VERSION } from './migrations'
import { existingSidecars, removeNewSidecars } from './sidecar-files'
import { SqliteJournal } from './sqlite-journal'

/** How to open a journal. */
export interface OpenJournalOptions {
  /** Creates the journal's folder (and its parents) when missing; default false. */
  readonly createFolder?: boolean
  /** How long a write waits for another connection's lock before failing, in ms; default 5000. */
  readonly busyTimeoutMs?: number
  /**
   * Asked before a journal is created where there is none (no file, or an empty one): returns
   * what shows an earlier journal was there, each for a person to read. Any answer refuses the
   * new journal with `JOURNAL_LOST`, as it would not know the earlier bots' orders and would send
   * them again. Without it a journal is created wherever there is none.
   */
  readonly earlierJournalTraces?: () => readonly string[]
}

const IN_MEMORY = ':memory:'
const DEFAULT_BUSY_TIMEOUT_MS = 5_000

/**
 * Opens the journal at `path` (or a private in-memory one for `':memory:'`), creating it when
 * missing and upgrading its schema. A file that is not a SQLite database, one damaged anywhere,
 * another program's database, or a journal from a newer Gridkeeper is refused with a
 * JournalOpenError and left byte-for-byte as it was: it is only read, first as plain bytes and
 * then read-only. So is a missing or empty journal where `earlierJournalTraces` finds an earlier one.
 */
export function openJournal(path: string, options: OpenJournalOptions = {}): SqliteJournal {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS
  if (path === IN_MEMORY) return connect(IN_MEMORY, IN_MEMORY, busyTimeoutMs)
  const file = resolve(path)
  ensureFolder(file, options.createFolder ?? false)
  const sidecarsBefore = existingSidecars(file)
  try {
    const facts = inspectJournalFile(file)
    if (facts.kind === 'database') {
      const problem = journalIdentityProblem(facts, LATEST_JOURNAL_VERSION)
      if (problem !== undefined) throw journalRefusedError(file, problem)
    } else {
      const traces = options.earlierJournalTraces?.() ?? []
      if (traces.length > 0) throw journalLostError(file, facts.kind, traces)
    }
  } catch (error) {
    removeNewSidecars(file, sidecarsBefore)
    throw error
  }
  return connect(file, file, busyTimeoutMs)
}

/** Opens the read-write connection, configures it, migrates the schema and wraps it. */
function connect(location: string, path: string, busyTimeoutMs: number): SqliteJournal {
  let db: DatabaseSync
  try {
    db = new DatabaseSync(location, { timeout: busyTimeoutMs, enableForeignKeyConstraints: true, defensive: true })
  } catch (error) {
    throw inaccessible(path, error)
  }
  try {
    configureConnection(db, path, location === IN_MEMORY)
    migrateJournal(db, path)
    return new SqliteJournal(db)
  } catch (error) {
    db.close()
    throw error instanceof JournalOpenError ? error : inaccessible(path, error)
  }
}

/** Returns the error refusing to start a journal over where an earlier one left traces. */
function journalLostError(file: string, kind: 'missing' | 'empty', traces: readonly string[]): JournalOpenError {
  const found = kind === 'missing' ? 'is missing' : 'is empty'
  return new JournalOpenError('JOURNAL_LOST', file, `journal ${file} ${found}, but an earlier one was there: ${traces.join('; ')}`, { traces })
}

/** Makes sure the journal's folder exists, creating it only when asked to. */
function ensureFolder(file: string, createFolder: boolean): void {
  const folder = dirname(file)
  try {
    if (!statSync(folder).isDirectory()) {
      throw new JournalOpenError('JOURNAL_INACCESSIBLE', file, `cannot open journal ${file}: ${folder} is not a folder`)
    }
  } catch (error) {
    if (error instanceof JournalOpenError) throw error
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw inaccessible(file, error)
    if (!createFolder) {
      throw new JournalOpenError(
        'JOURNAL_FOLDER_MISSING',
        file,
        `cannot open journal ${file}: folder ${folder} does not exist (pass createFolder to create it)`
      )
    }
    try {
      mkdirSync(folder, { recursive: true })
    } catch (mkdirError) {
      throw inaccessible(file, mkdirError)
    }
  }
}

/** Returns the error for a journal the process cannot open for writing. */
function inaccessible(path: string, error: unknown): JournalOpenError {
  const reason = error instanceof Error ? error.message : String(error)
  return new JournalOpenError('JOURNAL_INACCESSIBLE', path, `journal ${path} cannot be opened for writing: ${reason}`, { cause: error })
}
