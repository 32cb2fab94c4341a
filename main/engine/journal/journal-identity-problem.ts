import { JournalOpenError } from './journal-open-error'
import { JOURNAL_APPLICATION_ID } from './migrations'

/** What identifies a SQLite database as a Gridkeeper journal. */
export interface JournalIdentity {
  readonly userVersion: number
  readonly applicationId: number
  readonly schemaObjectCount: number
}

/** Why a SQLite database must not be used as this code's journal. */
export interface JournalIdentityProblem {
  readonly code: 'JOURNAL_FOREIGN' | 'JOURNAL_TOO_NEW'
  readonly reason: string
}

/**
 * Returns why a SQLite database is not a journal this code may open, or undefined when it is one
 * (or is empty and may become one). Another program's application id, a schema version above
 * `latestVersion`, tables without a schema version, and a schema version without our application
 * id are refused.
 */
export function journalIdentityProblem(identity: JournalIdentity, latestVersion: number): JournalIdentityProblem | undefined {
  const { userVersion, applicationId, schemaObjectCount } = identity
  if (applicationId !== 0 && applicationId !== JOURNAL_APPLICATION_ID) {
    return { code: 'JOURNAL_FOREIGN', reason: `its application id ${hex(applicationId)} belongs to another program (a Gridkeeper journal has ${hex(JOURNAL_APPLICATION_ID)})` }
  }
  if (userVersion > latestVersion) return tooNewProblem(userVersion, latestVersion)
  if (userVersion === 0 && schemaObjectCount > 0) {
    return { code: 'JOURNAL_FOREIGN', reason: `it holds ${schemaObjectCount} tables or indexes but no Gridkeeper schema version` }
  }
  if (userVersion > 0 && applicationId !== JOURNAL_APPLICATION_ID) {
    return { code: 'JOURNAL_FOREIGN', reason: `it has schema version ${userVersion} but not the Gridkeeper application id ${hex(JOURNAL_APPLICATION_ID)}` }
  }
  return undefined
}

/** Returns the problem of a journal whose schema version is above the newest this code knows. */
export function tooNewProblem(userVersion: number, latestVersion: number): JournalIdentityProblem {
  return {
    code: 'JOURNAL_TOO_NEW',
    reason: `it has schema version ${userVersion}, newer than version ${latestVersion} that this Gridkeeper knows; open it with a newer Gridkeeper`
  }
}

/** Returns the JournalOpenError that refuses the journal at `path` for `problem`. */
export function journalRefusedError(path: string, problem: JournalIdentityProblem): JournalOpenError {
  const verdict = problem.code === 'JOURNAL_TOO_NEW' ? 'was written by a newer Gridkeeper' : 'is not a Gridkeeper journal'
  return new JournalOpenError(problem.code, path, `journal ${path} ${verdict}: ${problem.reason}`)
}

/** Formats an application id as 0x-prefixed hex. */
function hex(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`
}
