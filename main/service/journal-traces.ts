import { statSync } from 'node:fs'
import { relative } from 'node:path'
import { botsNamedInLog } from './log-bot-names'
import { paperAccountOrders } from './paper-account-orders'

/** Where to look for traces of an earlier journal. */
export interface JournalTraceScope {
  /** The data folder, which the traces name their files from. */
  readonly dataDir: string
  readonly journalPath: string
  /** The log of the data folder (`gridkeeper.log`). */
  readonly logPath: string
  /** The app's mode the journal belongs to (each has its own); absent for `run`, one journal per data directory. */
  readonly mode?: string
  /** Paper mode's saved paper account (`paper/account.json`), whose orders are the paper journal's bots'. */
  readonly paperAccountPath?: string
}

const SIDECAR_SUFFIXES = ['-wal', '-journal'] as const

/**
 * Returns what in the data folder shows a journal was there before, each for a person to read:
 * a write-ahead or rollback log of it left behind, a log that names bots (of this mode), or a
 * paper account with orders on it. A journal is started only where none of these is found: a
 * first start, or a folder whose every trace was set aside on purpose.
 */
export function findJournalTraces(scope: JournalTraceScope): string[] {
  const traces: string[] = []
  const name = (path: string) => relative(scope.dataDir, path)
  for (const suffix of SIDECAR_SUFFIXES) {
    const size = fileSize(`${scope.journalPath}${suffix}`)
    if (size !== undefined && size > 0) traces.push(`its ${suffix === '-wal' ? 'write-ahead' : 'rollback'} log ${name(scope.journalPath)}${suffix} is still there (${size} bytes)`)
  }
  const bots = botsNamedInLog(scope.logPath, scope.mode)
  if (bots.length > 0) {
    const whose = scope.mode === undefined ? '' : ` in ${scope.mode} mode`
    traces.push(`the log ${name(scope.logPath)} names ${bots.length === 1 ? 'bot' : 'bots'} ${listed(bots)}${whose}`)
  }
  if (scope.paperAccountPath !== undefined) {
    const orders = paperAccountOrders(scope.paperAccountPath)
    if (orders.kind === 'unreadable') traces.push(`the paper account ${name(scope.paperAccountPath)} is there but cannot be read`)
    if (orders.kind === 'orders') {
      const whose = orders.botIds.length === 0 ? '' : ` of ${orders.botIds.length === 1 ? 'bot' : 'bots'} ${listed(orders.botIds)}`
      traces.push(`the paper account ${name(scope.paperAccountPath)} holds ${orders.count} ${orders.count === 1 ? 'order' : 'orders'}${whose}`)
    }
  }
  return traces
}

/** Lists names for a sentence: at most five, then how many more. */
function listed(names: readonly string[]): string {
  const shown = names.slice(0, 5).join(', ')
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown
}

function fileSize(path: string): number | undefined {
  try {
    return statSync(path).size
  } catch {
    return undefined
  }
}
