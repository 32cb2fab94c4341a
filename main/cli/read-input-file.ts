import type { CliIo } from './cli-io'
import { CliUsageError } from './cli-usage-error'

/** Reads the text file an option names, or throws a CliUsageError naming the option and why. */
export async function readOptionText(io: CliIo, path: string, option: string): Promise<string> {
  try {
    return await io.readTextFile(path)
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message
    throw new CliUsageError(`cannot read ${option} ${path}: ${reason}`, { cause: error })
  }
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
