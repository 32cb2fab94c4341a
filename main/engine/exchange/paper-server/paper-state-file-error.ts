import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/** Why a paper state file cannot be read. */
export type PaperStateFileProblem = 'not-a-state-file' | 'newer-version'

/**
 * A paper server's state file cannot be read: it is not one (corrupt, cut short, something else),
 * or a newer Gridkeeper wrote it. The server does not start and leaves the file as it is.
 */
export class PaperStateFileError extends GridkeeperError {
  override readonly name = 'PaperStateFileError' as const
  readonly path: string
  readonly problem: PaperStateFileProblem

  constructor(path: string, problem: PaperStateFileProblem, message: string, options?: { cause?: unknown }) {
    super('PAPER_STATE_FILE', message, options)
    this.path = path
    this.problem = problem
  }
}

/** Returns true for a PaperStateFileError, also after it crossed a process boundary. */
export function isPaperStateFileError(value: unknown): value is PaperStateFileError {
  return (value as { name?: unknown } | null)?.name === 'PaperStateFileError'
}
