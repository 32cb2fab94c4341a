/** Structured context of a log line. Never holds a secret. */
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>

/**
 * The engine's log. `debug` is per-tick and per-decision detail; `info` is what a person would
 * want to read; `warn` and `error` are incidents.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

/** One recorded log line. */
export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error'
  readonly message: string
  readonly fields: LogFields
}

/** A logger that keeps lines in memory, for tests and chaos traces. */
export class MemoryLogger implements Logger {
  readonly lines: LogLine[] = []

  /** Records a debug line. */
  debug(message: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'debug', message, fields })
  }

  /** Records an info line. */
  info(message: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'info', message, fields })
  }

  /** Records a warning. */
  warn(message: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'warn', message, fields })
  }

  /** Records an error. */
  error(message: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'error', message, fields })
  }
}
