/** Exponential backoff settings: first wait, ceiling. */
export interface BackoffSettings {
  readonly initialMs: number
  readonly maxMs: number
}

/**
 * Returns the wait before attempt `failures + 1` after `failures` failures in a row: the initial
 * wait doubled per failure up to the ceiling, then "equal jitter" (half fixed, half random) so
 * many clients do not reconnect in step.
 */
export function backoffMs(settings: BackoffSettings, failures: number, random: () => number): number {
  if (failures <= 0) return 0
  const ceiling = Math.min(settings.maxMs, settings.initialMs * 2 ** Math.min(failures - 1, 30))
  return Math.round(ceiling / 2 + (ceiling / 2) * random())
}
