/** Returns the UTC month of a time as 'YYYY-MM'. */
export function monthKey(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 7)
}

/** Returns the start of the UTC month that holds a time, in milliseconds. */
export function monthStartMs(timeMs: number): number {
  const date = new Date(timeMs)
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)
}

/** Returns the start of the UTC month after the one that holds a time, in milliseconds. */
export function nextMonthStartMs(timeMs: number): number {
  const date = new Date(timeMs)
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)
}

/** Returns the starts of the UTC months that overlap the range from `fromMs` (included) to `toMs` (excluded), oldest first. */
export function monthStartsBetween(fromMs: number, toMs: number): number[] {
  const starts: number[] = []
  for (let start = monthStartMs(fromMs); start < toMs; start = nextMonthStartMs(start)) starts.push(start)
  return starts
}
