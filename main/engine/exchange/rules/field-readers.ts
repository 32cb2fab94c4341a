import { Decimal, tryParseDecimal } from '@shared/money/decimal'

/** Raised inside the parser when a known field is missing or malformed; caught per symbol. */
export class FieldError extends Error {
  override readonly name = 'FieldError' as const
}

/** A JSON object as it arrives from the exchange. */
export type RawObject = Readonly<Record<string, unknown>>

/** Returns true for a plain JSON object. */
export function isRawObject(value: unknown): value is RawObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Reads a required non-negative decimal (string or number) field. */
export function readDecimal(source: RawObject, field: string, owner: string): Decimal {
  const value = tryParseDecimal(source[field])
  if (value === undefined) {
    throw new FieldError(`${owner}.${field} must be a decimal, got ${describe(source[field])}`)
  }
  if (value.isNegative()) {
    throw new FieldError(`${owner}.${field} must not be negative, got ${value.toFixed()}`)
  }
  return value
}

/** Reads a required non-negative integer field (a JSON number or an integer string). */
export function readCount(source: RawObject, field: string, owner: string): number {
  const value = source[field]
  const parsed = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  if (typeof parsed !== 'number' || !Number.isSafeInteger(parsed) || parsed < 0) {
    throw new FieldError(`${owner}.${field} must be a non-negative integer, got ${describe(value)}`)
  }
  return parsed
}

/** Reads an optional non-negative integer field, with a fallback when absent. */
export function readOptionalCount(source: RawObject, field: string, owner: string, fallback: number): number {
  return source[field] === undefined ? fallback : readCount(source, field, owner)
}

/** Reads an optional boolean field, with a fallback when absent. */
export function readBoolean(source: RawObject, field: string, owner: string, fallback: boolean): boolean {
  const value = source[field]
  if (value === undefined) return fallback
  if (typeof value !== 'boolean') {
    throw new FieldError(`${owner}.${field} must be true or false, got ${describe(value)}`)
  }
  return value
}

/** Reads a required non-empty string field. */
export function readString(source: RawObject, field: string, owner: string): string {
  const value = source[field]
  if (typeof value !== 'string' || value.length === 0) {
    throw new FieldError(`${owner}.${field} must be a non-empty string, got ${describe(value)}`)
  }
  return value
}

/** Reads an optional array of strings; absent means empty. */
export function readStringList(source: RawObject, field: string, owner: string): string[] {
  const value = source[field]
  if (value === undefined) return []
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new FieldError(`${owner}.${field} must be a list of strings`)
  }
  return [...value] as string[]
}

/** Describes a raw value briefly for an error message. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  const text = JSON.stringify(value)
  return text.length > 40 ? `${text.slice(0, 37)}...` : text
}
