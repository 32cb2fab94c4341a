import { isInputFileError } from '../files/input-file-error'
import type { CliIo } from './cli-io'
import { CliUsageError } from './cli-usage-error'

/** Reads the text file an option names, or throws a CliUsageError naming the option and why. */
export async function readOptionText(io: CliIo, path: string, option: string): Promise<string> {
  try {
    return await io.readTextFile(path)
  } catch (error) {
    throw optionFileError(error, path, option)
  }
}

/** Returns the CliUsageError for a file an option names that could not be read: the option, the path and why. */
export function optionFileError(error: unknown, path: string, option: string): CliUsageError {
  return new CliUsageError(`cannot read ${option} ${path}: ${readFailure(error)}`, { cause: error })
}

/** Why a file could not be read, without its path: the reader's reason, or the system's for another reader. */
function readFailure(error: unknown): string {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (isInputFileError(error) && (error.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')) return 'no such file'
  if (isInputFileError(error)) return `it ${error.reason}`
  return (error as Error).message
}

/** Reads and parses the JSON file an option names, or throws a CliUsageError naming the option and why. */
export async function readOptionJson(io: CliIo, path: string, option: string): Promise<unknown> {
  const content = await readOptionText(io, path, option)
  try {
    return JSON.parse(content)
  } catch (error) {
    throw new CliUsageError(`${option} ${path} is not JSON: ${(error as Error).message}`, { cause: error })
  }
}
