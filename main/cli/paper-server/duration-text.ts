import { CliUsageError } from '../cli-usage-error'

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }

/** Reads a duration such as `500`, `500ms`, `30s`, `2m` or `1h` (a bare number is milliseconds), or throws naming `what`. */
export function parseDuration(text: string, what: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim())
  if (match === null) throw new CliUsageError(`${what} must be a duration such as 500, 500ms, 30s or 2m, got "${text}"`)
  return Math.round(Number(match[1]) * (UNITS[match[2] ?? 'ms'] ?? 1))
}
