/**
 * Times at or above this are microseconds: as milliseconds they would be after the year 5000, as
 * microseconds they are after 1973. Binance's public spot files moved to microseconds in 2025.
 */
export const MICROSECONDS_FROM = 1e14

/**
 * Returns an open time in milliseconds from a time in milliseconds or microseconds (told apart by
 * magnitude), or undefined when it is not a non-negative whole number of milliseconds.
 */
export function openTimeMsOf(time: number): number | undefined {
  if (!Number.isSafeInteger(time) || time < 0) return undefined
  if (time < MICROSECONDS_FROM) return time
  return time % 1000 === 0 ? time / 1000 : undefined
}

/** Returns a time in UTC milliseconds as ISO 8601 text, e.g. '2024-01-01T00:00:00.000Z'. */
export function isoTime(timeMs: number): string {
  return new Date(timeMs).toISOString()
}
