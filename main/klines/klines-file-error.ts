import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/** How a source numbers its rows: CSV by line of the file, JSON by position in the array. */
export type RowWord = 'line' | 'row'

/**
 * A klines file that cannot be loaded as it is: malformed row, conflicting duplicate, unknown
 * spacing, a price that does not fit. The message names the file, the rows and what is wrong.
 */
export class KlinesFileError extends GridkeeperError {
  override readonly name = 'KlinesFileError' as const
  readonly file: string
  /** The rows at fault (line numbers for CSV, 1-based positions for JSON), empty when the fault is the whole file. */
  readonly rows: readonly number[]

  constructor(file: string, rows: readonly number[], rowWord: RowWord, detail: string, options?: { cause?: unknown }) {
    super('KLINES_FILE', `${file}${rowsText(rows, rowWord)}: ${detail}`, options)
    this.file = file
    this.rows = rows
  }
}

/** Returns true for a KlinesFileError, also after it crossed a process boundary. */
export function isKlinesFileError(value: unknown): value is KlinesFileError {
  return (value as { name?: unknown } | null)?.name === 'KlinesFileError'
}

function rowsText(rows: readonly number[], rowWord: RowWord): string {
  if (rows.length === 0) return ''
  if (rows.length === 1) return ` ${rowWord} ${rows[0]}`
  return ` ${rowWord}s ${rows.join(' and ')}`
}
