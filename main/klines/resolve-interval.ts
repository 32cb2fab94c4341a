import { intervalMsOf, intervalNameOf, KLINE_INTERVALS } from './kline-intervals'
import type { KlineRowBuffer } from './kline-row-buffer'

/** A kline interval by name and length. */
export interface ResolvedInterval {
  readonly interval: string
  readonly intervalMs: number
}

/**
 * Returns the interval of ordered, unique rows: the one given, or else the most common spacing of
 * consecutive open times (the shorter one on a tie), which must be a Binance interval. Every
 * spacing must then be a whole number of intervals (more than one is a gap); anything else is an
 * error naming the two rows.
 */
export function resolveInterval(rows: KlineRowBuffer, order: Uint32Array, given?: string): ResolvedInterval {
  let interval: ResolvedInterval
  if (given !== undefined) {
    const intervalMs = intervalMsOf(given)
    if (intervalMs === undefined) rows.fail([], `interval ${JSON.stringify(given)} is not one of ${Object.keys(KLINE_INTERVALS).join(', ')}`)
    interval = { interval: given, intervalMs }
  } else {
    interval = inferInterval(rows, order)
  }
  const times = rows.timesMs
  for (let at = 1; at < order.length; at++) {
    const spacing = (times[order[at] as number] as number) - (times[order[at - 1] as number] as number)
    if (spacing % interval.intervalMs !== 0) {
      const pair = [rows.rowNumbers[order[at - 1] as number] as number, rows.rowNumbers[order[at] as number] as number].sort((a, b) => a - b)
      rows.fail(pair, `open ${spacingText(spacing)} apart, not a whole number of ${interval.interval} candles`)
    }
  }
  return interval
}

function inferInterval(rows: KlineRowBuffer, order: Uint32Array): ResolvedInterval {
  if (order.length < 2) rows.fail([], 'has a single candle, so its interval cannot be inferred; give the interval')
  const counts = new Map<number, number>()
  const times = rows.timesMs
  for (let at = 1; at < order.length; at++) {
    const spacing = (times[order[at] as number] as number) - (times[order[at - 1] as number] as number)
    counts.set(spacing, (counts.get(spacing) ?? 0) + 1)
  }
  let best = 0
  let bestCount = 0
  for (const [spacing, count] of counts) {
    if (count > bestCount || (count === bestCount && spacing < best)) {
      best = spacing
      bestCount = count
    }
  }
  const name = intervalNameOf(best)
  if (name === undefined) rows.fail([], `the most common spacing of open times, ${spacingText(best)}, is not a Binance interval (${Object.keys(KLINE_INTERVALS).join(', ')})`)
  return { interval: name, intervalMs: best }
}

/** Returns a spacing such as '90 s' or '2.5 min' for an error message. */
function spacingText(spacingMs: number): string {
  if (spacingMs % 60_000 === 0 || spacingMs > 3_600_000) return `${spacingMs / 60_000} min`
  if (spacingMs % 1000 === 0) return `${spacingMs / 1000} s`
  return `${spacingMs} ms`
}
