import { statSync } from 'node:fs'
import { isJournalOpenError, openJournal, type Journal } from '../../engine/journal'
import type { Logger } from '../../engine/logging/logger'
import { journalProblem } from '../../service/journal-problem'
import { NEW_JOURNAL_MESSAGE } from '../../service/log-bot-names'
import { setEarlierJournalAside } from '../../service/set-earlier-journal-aside'
import { CliUsageError } from '../cli-usage-error'

/** How `run` opens its journal. */
export interface RunJournalOptions {
  readonly journalPath: string
  /** What the data directory shows of an earlier journal, read before this run wrote to its log. */
  readonly traces: readonly string[]
  /** `--new-journal`: start over on purpose, setting a journal that cannot be used aside. */
  readonly newJournal: boolean
  readonly nowMs: number
  readonly logger: Logger
}

/**
 * Opens `run`'s journal, or refuses with a CliUsageError that says what was found and how to
 * start over on purpose; the refusal is logged once, and nothing is changed or sent. A journal is
 * created only where the data directory shows no trace of an earlier one. With `--new-journal` a
 * journal that cannot be used (lost, damaged, another program's) is set aside to a dated name and
 * a new one started; a journal that can be used is kept and the option refused, so a command
 * line that keeps the option never starts a working bot over.
 */
export function openRunJournal(options: RunJournalOptions): Journal {
  const { journalPath, logger } = options
  const existed = (fileSize(journalPath) ?? 0) > 0
  try {
    const journal = openJournal(journalPath, { earlierJournalTraces: () => options.traces })
    if (!options.newJournal || !existed) return journal
    const bots = journal.listBots().map((bot) => bot.botId)
    journal.close()
    const held = bots.length === 0 ? 'it holds no bot' : `it holds ${bots.length === 1 ? 'bot' : 'bots'} ${bots.join(', ')}`
    throw new CliUsageError(`--new-journal starts over only in place of a journal that cannot be used, and ${journalPath} can be (${held}); nothing was set aside. Run without --new-journal to go on with it, or use another --data-dir for a new one.`)
  } catch (error) {
    if (!isJournalOpenError(error)) throw error
    const problem = journalProblem(error, { kind: 'run' })
    if (!options.newJournal || !problem.newJournalAllowed) {
      logger.error(problem.message)
      throw new CliUsageError(problem.message, { cause: error })
    }
  }
  const setAside = setEarlierJournalAside({ journalPath }, options.nowMs)
  logger.warn(NEW_JOURNAL_MESSAGE, { setAside: setAside.length === 0 ? 'nothing' : setAside.join(', ') })
  try {
    return openJournal(journalPath)
  } catch (error) {
    if (!isJournalOpenError(error)) throw error
    const problem = journalProblem(error, { kind: 'run' })
    logger.error(problem.message)
    throw new CliUsageError(problem.message, { cause: error })
  }
}

function fileSize(path: string): number | undefined {
  try {
    return statSync(path).size
  } catch {
    return undefined
  }
}
