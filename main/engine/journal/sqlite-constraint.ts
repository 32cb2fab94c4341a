/** SQLite's extended result codes for the constraint failures the journal turns into its own errors. */
export const SQLITE_CONSTRAINT = {
  foreignKey: 787,
  primaryKey: 1555,
  unique: 2067
} as const

/** Returns true when `error` is a node:sqlite error with the given extended result code. */
export function isSqliteConstraint(error: unknown, code: (typeof SQLITE_CONSTRAINT)[keyof typeof SQLITE_CONSTRAINT]): boolean {
  return (error as { errcode?: unknown } | null)?.errcode === code
}
