import { describe, expect, it } from 'vitest'
import { journalIdentityProblem, journalRefusedError } from './journal-identity-problem'
import { JOURNAL_APPLICATION_ID } from './migrations'

const ours = JOURNAL_APPLICATION_ID

describe('journalIdentityProblem', () => {
  it('accepts an empty database and our own journal up to the latest version', () => {
    expect(journalIdentityProblem({ userVersion: 0, applicationId: 0, schemaObjectCount: 0 }, 3)).toBeUndefined()
    expect(journalIdentityProblem({ userVersion: 0, applicationId: ours, schemaObjectCount: 0 }, 3)).toBeUndefined()
    expect(journalIdentityProblem({ userVersion: 1, applicationId: ours, schemaObjectCount: 12 }, 3)).toBeUndefined()
    expect(journalIdentityProblem({ userVersion: 3, applicationId: ours, schemaObjectCount: 12 }, 3)).toBeUndefined()
  })

  it('calls a schema version above the latest too new, naming both versions', () => {
    expect(journalIdentityProblem({ userVersion: 4, applicationId: ours, schemaObjectCount: 12 }, 3)).toEqual({
      code: 'JOURNAL_TOO_NEW',
      reason: 'it has schema version 4, newer than version 3 that this Gridkeeper knows; open it with a newer Gridkeeper'
    })
  })

  it('calls another application id, tables without a version, or a version without our id foreign', () => {
    const cases = [
      { userVersion: 0, applicationId: 0x0f055112, schemaObjectCount: 0 },
      { userVersion: 9, applicationId: 0x0f055112, schemaObjectCount: 3 },
      { userVersion: 0, applicationId: 0, schemaObjectCount: 1 },
      { userVersion: 2, applicationId: 0, schemaObjectCount: 5 }
    ]
    for (const identity of cases) expect(journalIdentityProblem(identity, 3)?.code).toBe('JOURNAL_FOREIGN')
  })

  it('builds an error that names the file and the reason', () => {
    const error = journalRefusedError('/data/journal.db', { code: 'JOURNAL_FOREIGN', reason: 'it is a spreadsheet' })
    expect(error.code).toBe('JOURNAL_FOREIGN')
    expect(error.name).toBe('JournalOpenError')
    expect(error.message).toBe('journal /data/journal.db is not a Gridkeeper journal: it is a spreadsheet')
  })
})
