import { describe, expect, it } from 'vitest'
import { JournalOpenError } from '../engine/journal'
import { journalProblem } from './journal-problem'

describe('journalProblem', () => {
  it('says what was found in a lost journal\'s place and how to start over on purpose, for run and for the app', () => {
    const lost = new JournalOpenError('JOURNAL_LOST', '/nonexistent/journal.sqlite', 'journal lost', { traces: ['the log gridkeeper.log names bot k1'] })
    const run = journalProblem(lost, { kind: 'run' })
    expect(run).toEqual({
      code: 'journal-lost',
      newJournalAllowed: true,
      message:
        "The journal /nonexistent/journal.sqlite is missing, but this data folder shows there was one: the log gridkeeper.log names bot k1. A new journal would not know the orders of the bots it held and would send them again, so none is started. Put the journal back if you have it, or start over on purpose with --new-journal, which keeps the old files renamed with the date."
    })
    expect(journalProblem(lost, { kind: 'app', mode: 'paper', paperAccount: true }).message).toMatch(/start paper mode over on purpose with Start a new journal, which keeps the old journal and paper account renamed with the date\.$/)
  })

  it('words a damaged journal without SQLite\'s own words, and offers no new journal in place of a newer version\'s', () => {
    const damaged = new JournalOpenError('JOURNAL_CORRUPT', '/d/journal.sqlite', 'journal /d/journal.sqlite is not a readable SQLite database: database disk image is malformed')
    const problem = journalProblem(damaged, { kind: 'app', mode: 'testnet', paperAccount: false })
    expect(problem).toMatchObject({ code: 'journal-damaged', newJournalAllowed: true })
    expect(problem.message).toMatch(/^The journal \/d\/journal.sqlite is damaged: part of it cannot be read, so no bot may trade on it. Nothing in it was changed./)
    expect(problem.message).not.toMatch(/malformed|SQLite|disk image|JOURNAL_/)
    expect(journalProblem(new JournalOpenError('JOURNAL_TOO_NEW', '/d/journal.sqlite', 'newer'), { kind: 'run' })).toMatchObject({ code: 'journal-too-new', newJournalAllowed: false })
    const inaccessible = journalProblem(new JournalOpenError('JOURNAL_INACCESSIBLE', '/d/journal.sqlite', 'EACCES: permission denied'), { kind: 'run' })
    expect(inaccessible).toMatchObject({ code: 'journal-unusable', newJournalAllowed: false })
    expect(inaccessible.message).not.toMatch(/EACCES/)
  })
})
