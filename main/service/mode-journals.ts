import { join } from 'node:path'
import type { TradingMode } from '@shared/api'
import type { Logger } from '../engine/logging/logger'
import { findJournalTraces } from './journal-traces'
import { LOG_FILE, NEW_JOURNAL_MESSAGE } from './log-bot-names'
import { paperAccountPath } from './paper-exchange'
import { setEarlierJournalAside } from './set-earlier-journal-aside'

/** Returns where a mode's journal is kept in the app's data folder: `<mode>/journal.sqlite`. */
export function modeJournalPath(dataDir: string, mode: TradingMode): string {
  return join(dataDir, mode, 'journal.sqlite')
}

/**
 * Returns what the app's data folder shows of an earlier journal of a mode (asked only where the
 * mode has none): its sidecars left behind, the bots the log names in that mode, and in Paper
 * mode the orders on the paper account.
 */
export function modeJournalTraces(dataDir: string, mode: TradingMode): string[] {
  return findJournalTraces({ dataDir, journalPath: modeJournalPath(dataDir, mode), logPath: join(dataDir, LOG_FILE), mode, ...(mode === 'paper' ? { paperAccountPath: paperAccountPath(dataDir) } : {}) })
}

/**
 * Starts a mode over on purpose: sets its journal aside (in Paper mode with the paper account,
 * whose orders were the old journal's bots') under dated names, and logs it, so the bots the log
 * named before are no trace of the new journal. Returns where the files went.
 */
export function setModeJournalAside(dataDir: string, mode: TradingMode, nowMs: number, logger: Logger): string[] {
  const setAside = setEarlierJournalAside({ journalPath: modeJournalPath(dataDir, mode), ...(mode === 'paper' ? { paperAccountPath: paperAccountPath(dataDir) } : {}) }, nowMs)
  logger.warn(NEW_JOURNAL_MESSAGE, { mode, setAside: setAside.length === 0 ? 'nothing' : setAside.join(', ') })
  return setAside
}
