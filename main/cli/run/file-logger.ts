import { closeSync, openSync, writeSync } from 'node:fs'
import type { LogFields, Logger, LogLine } from '../../engine/logging/logger'
import { DataFolderError } from '../../files/data-folder-error'
import { writeFailureText } from '../../files/write-failure-text'

/** Log levels from the most to the least detailed. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const

/** One of the log levels. */
export type LogLevel = (typeof LOG_LEVELS)[number]

/** Formats one log line: ISO time, level, message, then the fields as JSON when there are any. */
export function formatLogLine(atMs: number, line: LogLine): string {
  const fields = Object.entries(line.fields).filter(([, value]) => value !== undefined)
  const tail = fields.length === 0 ? '' : ` ${JSON.stringify(Object.fromEntries(fields))}`
  return `${new Date(atMs).toISOString()} ${line.level.toUpperCase().padEnd(5)} ${line.message}${tail}\n`
}

/**
 * A levelled logger writing each line at or above its level to a sink (standard output) and
 * appending it to a file, synchronously, so the file holds every line written before a crash.
 * A log file that cannot be opened stops the start with a DataFolderError saying what to do
 * (`otherwise`: "give another folder with --data-dir"); one that can no longer be written (a full
 * disk) is said once on the sink, and the lines go on to the sink alone.
 */
export class FileLogger implements Logger {
  private fd: number | undefined

  constructor(
    private readonly path: string,
    private readonly level: LogLevel,
    private readonly sink: (text: string) => void,
    private readonly nowMs: () => number = Date.now,
    otherwise = 'choose another data folder'
  ) {
    try {
      this.fd = openSync(path, 'a')
    } catch (error) {
      throw new DataFolderError(path, `cannot write the log file ${path}: ${writeFailureText(error)}; make it a file this user can write, or ${otherwise}`, { cause: error })
    }
  }

  /** Writes a debug line. */
  debug(message: string, fields: LogFields = {}): void {
    this.write({ level: 'debug', message, fields })
  }

  /** Writes an info line. */
  info(message: string, fields: LogFields = {}): void {
    this.write({ level: 'info', message, fields })
  }

  /** Writes a warning. */
  warn(message: string, fields: LogFields = {}): void {
    this.write({ level: 'warn', message, fields })
  }

  /** Writes an error. */
  error(message: string, fields: LogFields = {}): void {
    this.write({ level: 'error', message, fields })
  }

  /** Closes the file; later lines go to the sink only. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }

  private write(line: LogLine): void {
    if (LOG_LEVELS.indexOf(line.level) < LOG_LEVELS.indexOf(this.level)) return
    const atMs = this.nowMs()
    const text = formatLogLine(atMs, line)
    this.sink(text)
    if (this.fd === undefined) return
    try {
      writeSync(this.fd, text)
    } catch (error) {
      // Logging never stops the work it describes
      this.close()
      this.sink(formatLogLine(atMs, { level: 'warn', message: `the log file ${this.path} can no longer be written (${writeFailureText(error)}); lines go to standard output only`, fields: {} }))
    }
  }
}
