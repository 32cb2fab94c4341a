import { fail, type ConnectionView, type Result, type TradingMode } from '@shared/api'
import type { JournalOpenError } from '../engine/journal'
import type { Logger } from '../engine/logging/logger'
import { journalProblem, type JournalProblem } from './journal-problem'

/**
 * Whether the app's current mode is out of service because its journal cannot be used, and how
 * that shows: one line in the log when it happens, the banner's connection view, and the answer
 * to every command that needs the mode's account.
 */
export class ModeOutOfService {
  private problem: JournalProblem | undefined

  constructor(private readonly logger: Logger) {}

  /** Why the mode is out of service, or undefined when it is not. */
  current(): JournalProblem | undefined {
    return this.problem
  }

  /** Puts the mode out of service for a journal that was refused or found unreadable, saying so once in the log. */
  take(mode: TradingMode, error: JournalOpenError): JournalProblem {
    const problem = journalProblem(error, { kind: 'app', mode, paperAccount: mode === 'paper' })
    this.problem = problem
    this.logger.error(`${mode} mode is out of service: ${problem.message}`, { mode })
    return problem
  }

  /** Puts the mode back in service (another mode, or the same one opened again). */
  clear(): void {
    this.problem = undefined
  }

  /** The connection as the banner shows it while the mode is out of service. */
  connectionView(): ConnectionView | undefined {
    const problem = this.problem
    return problem === undefined ? undefined : { status: 'out-of-service', message: problem.message, problem: { code: problem.code, newJournalAllowed: problem.newJournalAllowed } }
  }

  /** The answer to a command that needs the mode's account while it is out of service. */
  failure(): Result<never> | undefined {
    const problem = this.problem
    return problem === undefined ? undefined : fail('mode-out-of-service', problem.message, { problem: problem.code })
  }
}
