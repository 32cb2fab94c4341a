import { isInputFileError } from '../files/input-file-error'
import { isKlinesDownloadError } from '../klines/download/klines-download-error'
import { isKlinesFileError } from '../klines/klines-file-error'

/**
 * Says why a backtest stopped, for a person: the file or download problem as its error names it
 * (a path that is not a regular file, or a file too large, included), a missing or unreadable
 * file in plain words, and anything else by its message alone (the stack goes to the log, never
 * to the screen).
 */
export function backtestFailureText(error: unknown): string {
  if (isKlinesDownloadError(error)) return `The candles could not be downloaded: ${error.message}. What was fetched is kept, and the next run goes on from there.`
  if (isKlinesFileError(error)) return `The klines file cannot be used: ${error.message}`
  if (isInputFileError(error)) {
    const missing = (error.cause as { code?: unknown } | undefined)?.code === 'ENOENT'
    return missing ? `There is no file ${error.path} on the machine running Gridkeeper.` : `The klines file cannot be used: ${error.message}.`
  }
  const code = (error as { code?: unknown } | null)?.code
  const path = (error as { path?: unknown } | null)?.path
  if (typeof path === 'string') {
    if (code === 'ENOENT') return `There is no file ${path} on the machine running Gridkeeper.`
    if (code === 'EACCES' || code === 'EPERM') return `${path} cannot be read: permission denied.`
    if (code === 'EISDIR') return `${path} is a folder, not a klines file.`
  }
  const message = error instanceof Error ? error.message : String(error)
  return `The backtest stopped: ${message}`
}
