import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/**
 * The data folder, or a file Gridkeeper keeps in it (the log), cannot be created or written. The
 * message is one line for a person: the path, why, and what to do.
 */
export class DataFolderError extends GridkeeperError {
  override readonly name = 'DataFolderError' as const
  readonly path: string

  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super('DATA_FOLDER', message, options)
    this.path = path
  }
}

/** Returns true for a DataFolderError, also after it crossed a process boundary. */
export function isDataFolderError(value: unknown): value is DataFolderError {
  return (value as { name?: unknown } | null)?.name === 'DataFolderError'
}
