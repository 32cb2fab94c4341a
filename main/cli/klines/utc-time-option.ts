import { CliUsageError } from '../cli-usage-error'
import type { OptionValues } from '../read-option'

const ISO = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i

/**
 * Reads an ISO 8601 time in UTC: `2024-01`, `2024-01-15`, `2024-01-15T12:30`, `...:45.250Z` or
 * with an offset such as `+02:00`; a time without a zone is UTC, never local time. All digits
 * are milliseconds since the epoch. Returns undefined for an absent option that is not required.
 */
export function utcTimeOption(values: OptionValues, name: string, required: boolean): number | undefined {
  const value = values[name]
  if (value === undefined && !required) return undefined
  if (typeof value !== 'string' || value === '') throw new CliUsageError(`--${name} is required`)
  const timeMs = parseUtcTime(value.trim())
  if (timeMs === undefined) throw new CliUsageError(`--${name} must be a UTC time such as 2024-01-01 or 2024-01-01T12:00Z, got "${value}"`)
  return timeMs
}

/** Returns the UTC milliseconds of ISO 8601 text (a missing zone is UTC) or of epoch milliseconds, or undefined when it is neither. */
export function parseUtcTime(text: string): number | undefined {
  if (/^\d{1,15}$/.test(text)) return Number(text)
  const match = ISO.exec(text)
  if (match === null) return undefined
  const part = (index: number, absent: number) => (match[index] === undefined ? absent : Number(match[index]))
  const [year, month, day, hour, minute, second] = [part(1, 0), part(2, 1), part(3, 1), part(4, 0), part(5, 0), part(6, 0)]
  const millisecond = match[7] === undefined ? 0 : Number(match[7].padEnd(3, '0'))
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millisecond)
  const check = new Date(local)
  // Date.UTC rolls 2024-02-30 over to March; a time that does not read back as written is not a time
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || check.getUTCHours() !== hour || check.getUTCMinutes() !== minute || check.getUTCSeconds() !== second) return undefined
  return local - offsetMs(match[8])
}

function offsetMs(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0
  const digits = zone.slice(1).replace(':', '')
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))
  return (zone.startsWith('-') ? -1 : 1) * minutes * 60_000
}
