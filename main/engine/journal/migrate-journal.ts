import type { DatabaseSync } from 'node:sqlite'
import { journalRefusedError, tooNewProblem } from './journal-identity-problem'
import { JournalMisuseError } from './journal-misuse-error'
import { JournalOpenError } from './journal-open-error'
import { JOURNAL_MIGRATIONS, type JournalMigration } from './migrations'
import { readPragmaNumber } from './read-pragma-number'

/**
 * Brings a journal's schema up to the last migration and returns the version it ends at. Each
 * pending step runs in its own IMMEDIATE transaction together with its `user_version` bump, so
 * a failed or interrupted step leaves the database exactly at the previous version.
 */
export function migrateJournal(db: DatabaseSync, path: string, migrations: readonly JournalMigration[] = JOURNAL_MIGRATIONS): number {
  checkMigrationOrder(migrations)
  const latest = migrations.at(-1)?.version ?? 0
  const before = readPragmaNumber(db, 'user_version')
  if (before > latest) throw journalRefusedError(path, tooNewProblem(before, latest))
  for (const migration of migrations) {
    if (migration.version <= before) continue
    try {
      db.exec('BEGIN IMMEDIATE')
      // Read again inside the write lock, so a second process that migrated meanwhile is seen
      const current = readPragmaNumber(db, 'user_version')
      if (current > latest) throw journalRefusedError(path, tooNewProblem(current, latest))
      if (current < migration.version) {
        db.exec(migration.sql)
        db.exec(`PRAGMA user_version = ${migration.version}`)
      }
      db.exec('COMMIT')
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK')
      if (error instanceof JournalOpenError) throw error
      const reason = error instanceof Error ? error.message : String(error)
      throw new JournalOpenError(
        'JOURNAL_MIGRATION_FAILED',
        path,
        `journal ${path}: upgrade to schema version ${migration.version} (${migration.description}) failed and was rolled back: ${reason}`,
        { cause: error }
      )
    }
  }
  return readPragmaNumber(db, 'user_version')
}

/** Throws unless the steps are numbered 1, 2, 3 … in order. */
function checkMigrationOrder(migrations: readonly JournalMigration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new JournalMisuseError(`journal migration '${migration.description}' has version ${migration.version}, expected ${index + 1}`)
    }
  })
}

