import type { DatabaseSync } from 'node:sqlite'
import { JournalMisuseError } from './journal-misuse-error'

/**
 * Runs work in a SQLite transaction, nesting through SAVEPOINTs: the outermost call begins and
 * commits, an inner call is a savepoint that rolls back alone when its work throws (and the outer
 * work may catch that and go on) or folds into the outer transaction when it succeeds.
 */
export class TransactionScope {
  private depth = 0

  constructor(private readonly db: DatabaseSync) {}

  /** Runs `work` and commits its writes, or rolls them back and rethrows when it throws. */
  run<T>(work: () => T): T {
    const depth = this.depth
    const savepoint = `journal_savepoint_${depth}`
    // IMMEDIATE takes the write lock up front: a deferred transaction that reads first and then
    // writes can fail with SQLITE_BUSY at the write even with a busy timeout
    this.db.exec(depth === 0 ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`)
    this.depth = depth + 1
    let result: T
    try {
      result = work()
      if (isThenable(result)) {
        // The promise's own failure is replaced by the misuse error below, so it must not go unhandled
        result.then(undefined, () => undefined)
        throw new JournalMisuseError('journal transaction work must be synchronous; it returned a promise, so its writes were rolled back')
      }
    } catch (error) {
      this.depth = depth
      this.undo(depth, savepoint)
      throw error
    }
    this.depth = depth
    if (!this.db.isTransaction) {
      throw new Error('journal transaction was rolled back by SQLite after an earlier error inside it; its writes are not stored')
    }
    try {
      this.db.exec(depth === 0 ? 'COMMIT' : `RELEASE ${savepoint}`)
    } catch (error) {
      this.undo(depth, savepoint)
      throw error
    }
    return result
  }

  /** Rolls back the level that began at `depth`, if SQLite has not already rolled everything back. */
  private undo(depth: number, savepoint: string): void {
    if (!this.db.isTransaction) return
    this.db.exec(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`)
  }
}

/** Returns true for a promise or any other thenable. */
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}
