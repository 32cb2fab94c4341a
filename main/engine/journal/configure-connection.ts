import type { DatabaseSync } from 'node:sqlite'
import { JournalOpenError } from './journal-open-error'

/**
 * Sets the pragmas every journal connection runs with, and checks they took:
 * - `journal_mode = WAL`: readers never block the writer, and a commit appends to the log
 *   instead of rewriting pages in place;
 * - `synchronous = FULL`: every commit waits for the log to reach the disk. In WAL mode the
 *   default NORMAL may lose the last commits on a power cut; an intent is written before its order
 *   is sent, so losing it would leave an order on the exchange that the journal never heard of;
 * - `foreign_keys = ON`: rows cannot point at a bot or intent that is not there.
 * An in-memory database reports journal mode "memory", which is accepted.
 */
export function configureConnection(db: DatabaseSync, path: string, inMemory: boolean): void {
  const mode = db.prepare('PRAGMA journal_mode = WAL').get()?.['journal_mode']
  if (!inMemory && mode !== 'wal') {
    throw new JournalOpenError(
      'JOURNAL_WAL_UNAVAILABLE',
      path,
      `journal ${path} cannot use a write-ahead log (journal mode stayed '${String(mode)}'); keep the data folder on a local disk`
    )
  }
  db.exec('PRAGMA synchronous = FULL')
  db.exec('PRAGMA foreign_keys = ON')
}
