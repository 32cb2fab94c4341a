import { existsSync, rmSync, statSync } from 'node:fs'

const SIDECAR_SUFFIXES = ['-wal', '-shm', '-journal'] as const

/** Returns the SQLite sidecar files (write-ahead log, shared memory, rollback journal) that exist beside a database. */
export function existingSidecars(databasePath: string): Set<string> {
  return new Set(SIDECAR_SUFFIXES.map((suffix) => `${databasePath}${suffix}`).filter((file) => existsSync(file)))
}

/**
 * Removes sidecar files that appeared since `before` was taken, after a read-only look at a file
 * that is then refused. A log is removed only when empty: a read-only connection never writes
 * one, so a non-empty log is someone else's and stays.
 */
export function removeNewSidecars(databasePath: string, before: ReadonlySet<string>): void {
  for (const file of existingSidecars(databasePath)) {
    if (before.has(file)) continue
    try {
      if (file.endsWith('-shm') || statSync(file).size === 0) rmSync(file, { force: true })
    } catch {
      // Cleanup is best effort; the database file itself was never written
    }
  }
}
