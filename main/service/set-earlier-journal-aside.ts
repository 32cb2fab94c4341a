import { existsSync, renameSync } from 'node:fs'
import { asideName, setJournalAside } from '../engine/journal/set-journal-aside'

/** What belongs to a journal that is started over on purpose. */
export interface EarlierJournalFiles {
  readonly journalPath: string
  /** Paper mode's paper account, whose orders are the old journal's bots': set aside with it, so Paper starts over whole. */
  readonly paperAccountPath?: string
}

/**
 * Moves a journal that is started over on purpose aside, with its SQLite sidecars and (in Paper
 * mode) the paper account, each to a dated name beside it; nothing is deleted. Returns where the
 * files went; nothing when none was there.
 */
export function setEarlierJournalAside(files: EarlierJournalFiles, nowMs: number): string[] {
  const moved = setJournalAside(files.journalPath, nowMs)
  const account = files.paperAccountPath
  if (account !== undefined && existsSync(account)) {
    const target = asideName(account, nowMs)
    renameSync(account, target)
    moved.push(target)
  }
  return moved
}
