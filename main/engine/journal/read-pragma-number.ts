import type { DatabaseSync } from 'node:sqlite'

/** Returns the number a pragma reports, e.g. `user_version` or `application_id`. */
export function readPragmaNumber(db: DatabaseSync, pragma: 'user_version' | 'application_id' | 'synchronous' | 'foreign_keys' | 'busy_timeout'): number {
  const row = db.prepare(`PRAGMA ${pragma}`).get()
  const value = row === undefined ? undefined : Object.values(row)[0]
  if (typeof value !== 'number') throw new Error(`PRAGMA ${pragma} returned ${String(value)}, not a number`)
  return value
}
