import { JournalDataError } from './journal-data-error'

// Plain decimal text exactly as stored: no sign but minus, no exponent, no spaces, digits on both sides of a point
const EXACT_DECIMAL = /^-?\d+(\.\d+)?$/

/** Returns the money text unchanged when it is exact decimal text (e.g. "0.00100000"); throws JournalDataError otherwise. */
export function exactDecimalText(value: string, table: string, field: string): string {
  if (typeof value !== 'string' || !EXACT_DECIMAL.test(value)) {
    throw new JournalDataError(table, field, `${JSON.stringify(value) ?? String(value)} is not exact decimal text`)
  }
  return value
}

/** Like exactDecimalText, but lets null through. */
export function nullableExactDecimalText(value: string | null, table: string, field: string): string | null {
  return value === null ? null : exactDecimalText(value, table, field)
}
