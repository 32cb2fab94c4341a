import { Decimal, tryParseDecimal } from '@shared/money/decimal'
import { BinancePayloadError } from './binance-payload-error'

/** A JSON object as Binance sends it. */
export type RawObject = Readonly<Record<string, unknown>>

/** Returns the value as a JSON object, or throws naming what it should have been. */
export function rawObject(value: unknown, what: string): RawObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BinancePayloadError(`${what} must be a JSON object, got ${describe(value)}`)
  return value as RawObject
}

/** Returns the value as a JSON array, or throws naming what it should have been. */
export function rawArray(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new BinancePayloadError(`${what} must be a JSON array, got ${describe(value)}`)
  return value
}

/** Reads a required non-empty string field. */
export function textField(source: RawObject, field: string, what: string): string {
  const value = source[field]
  if (typeof value !== 'string' || value === '') throw new BinancePayloadError(`${what}.${field} must be a non-empty string, got ${describe(value)}`)
  return value
}

/** Reads an optional string field; an empty string counts as absent. */
export function optionalText(source: RawObject, field: string): string | undefined {
  const value = source[field]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** Reads a required decimal field (Binance sends money as exact text; a JSON number is accepted too). */
export function decimalField(source: RawObject, field: string, what: string): Decimal {
  const value = tryParseDecimal(source[field])
  if (value === undefined) throw new BinancePayloadError(`${what}.${field} must be a decimal, got ${describe(source[field])}`)
  return value
}

/** Reads an optional decimal field. */
export function optionalDecimal(source: RawObject, field: string, what: string): Decimal | undefined {
  return source[field] === undefined || source[field] === null ? undefined : decimalField(source, field, what)
}

/** Reads a required integer field (a JSON number or integer text) as exact decimal text: ids exceed 2^53 one day. */
export function integerText(source: RawObject, field: string, what: string): string {
  const value = source[field]
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value)
  if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) return value
  throw new BinancePayloadError(`${what}.${field} must be an integer, got ${describe(value)}`)
}

/** Reads a required millisecond timestamp or count. */
export function integerField(source: RawObject, field: string, what: string): number {
  const value = source[field]
  const parsed = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value
  if (typeof parsed !== 'number' || !Number.isSafeInteger(parsed)) throw new BinancePayloadError(`${what}.${field} must be an integer, got ${describe(value)}`)
  return parsed
}

/** Reads an optional integer field. */
export function optionalInteger(source: RawObject, field: string, what: string): number | undefined {
  return source[field] === undefined || source[field] === null ? undefined : integerField(source, field, what)
}

/** Reads a required boolean field. */
export function booleanField(source: RawObject, field: string, what: string): boolean {
  const value = source[field]
  if (typeof value !== 'boolean') throw new BinancePayloadError(`${what}.${field} must be true or false, got ${describe(value)}`)
  return value
}

/** Describes a raw value briefly for an error message. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}
