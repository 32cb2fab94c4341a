import { join } from 'node:path'
import { isDataFolderError } from '../files/data-folder-error'
import { prepareDataFolder } from '../files/prepare-data-folder'
import { LOG_FILE } from '../service/log-bot-names'
import type { CliIo } from './cli-io'
import { CliUsageError } from './cli-usage-error'
import { FileLogger, type LogLevel } from './run/file-logger'

/** What a person can do about a data folder that cannot be used. */
const OTHERWISE = 'give another folder with --data-dir'

/**
 * Prepares the `--data-dir` of a command that runs until stopped and opens its log there
 * (`gridkeeper.log`, its lines also on standard output). A folder that cannot be created or
 * written, or a log that cannot be written, is a CliUsageError of one line: the path, why, and
 * what to do.
 */
export function openDataDir(dataDir: string, level: LogLevel, io: CliIo): FileLogger {
  try {
    prepareDataFolder(dataDir, OTHERWISE)
    return new FileLogger(join(dataDir, LOG_FILE), level, io.stdout, Date.now, OTHERWISE)
  } catch (error) {
    if (isDataFolderError(error)) throw new CliUsageError(error.message, { cause: error })
    throw error
  }
}
