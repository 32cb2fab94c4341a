import { existsSync } from 'node:fs'
import type { JournalProblemCode } from '@shared/api'
import type { JournalOpenError } from '../engine/journal'

/** Why a journal cannot be used, for a person: what was found, that nothing was changed, and what to do. */
export interface JournalProblem {
  readonly code: JournalProblemCode
  readonly message: string
  /** Whether starting over on a new journal on purpose (the old files set aside) is offered. */
  readonly newJournalAllowed: boolean
}

/** How a person starts over on purpose where the problem is shown: `run`'s option, or the app's button. */
export type FreshStart = { readonly kind: 'run' } | { readonly kind: 'app'; readonly mode: string; readonly paperAccount: boolean }

/**
 * Returns the person-facing account of a journal that was refused: a lost one (missing or empty
 * where the folder shows there was one), a damaged one, another program's or a newer version's,
 * or one that cannot be opened. It names the file and what was found, never SQLite's own words,
 * and says how to start over on purpose where that is safe: the bots' orders are on the
 * exchange, and a new journal does not know them.
 */
export function journalProblem(error: JournalOpenError, freshStart: FreshStart): JournalProblem {
  const file = error.path
  const over = startOver(freshStart)
  switch (error.code) {
    case 'JOURNAL_LOST': {
      const found = existsSync(file) ? 'is empty' : 'is missing'
      return {
        code: 'journal-lost',
        message: `The journal ${file} ${found}, but this data folder shows there was one: ${error.traces.join('; ')}. A new journal would not know the orders of the bots it held and would send them again, so none is started. Put the journal back if you have it, or ${over}.`,
        newJournalAllowed: true
      }
    }
    case 'JOURNAL_CORRUPT':
      return {
        code: 'journal-damaged',
        message: `The journal ${file} is damaged: part of it cannot be read, so no bot may trade on it. Nothing in it was changed. Restore it from a backup, or ${over}.`,
        newJournalAllowed: true
      }
    case 'JOURNAL_FOREIGN':
      return {
        code: 'journal-foreign',
        message: `The file ${file} is not a Gridkeeper journal: another program's database is in its place. Nothing in it was changed. Move it away, or ${over}.`,
        newJournalAllowed: true
      }
    case 'JOURNAL_TOO_NEW':
      return {
        code: 'journal-too-new',
        message: `The journal ${file} was written by a newer Gridkeeper: open it with that version. Nothing in it was changed.`,
        newJournalAllowed: false
      }
    case 'JOURNAL_FOLDER_MISSING':
    case 'JOURNAL_INACCESSIBLE':
    case 'JOURNAL_WAL_UNAVAILABLE':
    case 'JOURNAL_MIGRATION_FAILED':
      return { code: 'journal-unusable', message: unusableText(error.code, file), newJournalAllowed: false }
  }
}

/** Says how to start over on purpose, and that the old files are kept. */
function startOver(freshStart: FreshStart): string {
  if (freshStart.kind === 'run') return 'start over on purpose with --new-journal, which keeps the old files renamed with the date'
  const kept = freshStart.paperAccount ? 'the old journal and paper account' : 'the old journal'
  return `start ${freshStart.mode} mode over on purpose with Start a new journal, which keeps ${kept} renamed with the date`
}

function unusableText(code: 'JOURNAL_FOLDER_MISSING' | 'JOURNAL_INACCESSIBLE' | 'JOURNAL_WAL_UNAVAILABLE' | 'JOURNAL_MIGRATION_FAILED', file: string): string {
  switch (code) {
    case 'JOURNAL_FOLDER_MISSING':
      return `The journal ${file} cannot be opened: its folder does not exist.`
    case 'JOURNAL_INACCESSIBLE':
      return `The journal ${file} cannot be opened for reading and writing: check that the data folder is yours, writable, and on a disk with free space.`
    case 'JOURNAL_WAL_UNAVAILABLE':
      return `The journal ${file} cannot keep its write-ahead log there: keep the data folder on a local disk.`
    case 'JOURNAL_MIGRATION_FAILED':
      return `The journal ${file} could not be upgraded to this version of Gridkeeper; it was left as it was. Open it with the version that wrote it.`
  }
}
