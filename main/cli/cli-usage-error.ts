import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/** Raised for bad command-line input; the CLI prints its message on one line and exits with 2. */
export class CliUsageError extends GridkeeperError {
  override readonly name = 'CliUsageError' as const

  constructor(message: string, options?: { cause?: unknown }) {
    super('CLI_USAGE', message, options)
  }
}
