import type { SQLOutputValue } from 'node:sqlite'
import { JournalDataError } from './journal-data-error'

/** A row as node:sqlite returns it: column name to value. */
export type JournalRow = Readonly<Record<string, SQLOutputValue>>

/** Returns a TEXT column's value; throws JournalDataError for anything else. */
export function readText(row: JournalRow, table: string, column: string): string {
  const value = row[column]
  if (typeof value !== 'string') throw wrongType(table, column, value, 'text')
  return value
}

/** Returns a nullable TEXT column's value. */
export function readNullableText(row: JournalRow, table: string, column: string): string | null {
  return row[column] === null ? null : readText(row, table, column)
}

/** Returns an INTEGER column's value; throws JournalDataError for anything else. */
export function readInteger(row: JournalRow, table: string, column: string): number {
  const value = row[column]
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw wrongType(table, column, value, 'an integer')
  return value
}

/** Returns a nullable INTEGER column's value. */
export function readNullableInteger(row: JournalRow, table: string, column: string): number | null {
  return row[column] === null ? null : readInteger(row, table, column)
}

/** Returns an INTEGER 0/1 column as a boolean; throws JournalDataError for any other value. */
export function readBoolean(row: JournalRow, table: string, column: string): boolean {
  const value = row[column]
  if (value !== 0 && value !== 1) throw wrongType(table, column, value, '0 or 1')
  return value === 1
}

/** Returns a TEXT column whose value must be one of `members`; throws JournalDataError otherwise. */
export function readMember<T extends string>(row: JournalRow, table: string, column: string, members: Readonly<Record<T, true>>): T {
  const value = readText(row, table, column)
  if (!Object.hasOwn(members, value)) throw wrongType(table, column, value, `one of ${Object.keys(members).join(', ')}`)
  return value as T
}

/** Returns the error for a stored value of the wrong type. */
function wrongType(table: string, column: string, value: SQLOutputValue | undefined, expected: string): JournalDataError {
  const shown = value instanceof Uint8Array ? `a ${value.length}-byte blob` : JSON.stringify(value) ?? String(value)
  return new JournalDataError(table, column, `stored value ${shown} is not ${expected}`)
}
