import type { CandleSeries } from './candle-series'

/**
 * Joins consecutive parts of one series (months of a download, chunks of a file) into one series
 * at the largest scale of the parts, the prices of the others multiplied up exactly. Returns
 * undefined when the parts do not follow each other (an open time not after the last one of the
 * part before) or differ in interval, so the caller can read the source as a whole instead.
 * Throws a RangeError when a price would not stay an integer below 2^53 at the joined scale.
 */
export function joinSeries(parts: readonly CandleSeries[]): CandleSeries | undefined {
  const first = parts[0]
  if (first === undefined) return undefined
  if (parts.length === 1) return first
  const scale = Math.max(...parts.map((part) => part.scale))
  const length = parts.reduce((sum, part) => sum + part.length, 0)
  const openTimeMs = new Float64Array(length)
  const open = new Float64Array(length)
  const high = new Float64Array(length)
  const low = new Float64Array(length)
  const close = new Float64Array(length)
  const volume = new Float64Array(length)
  let at = 0
  let lastTimeMs = -Infinity
  for (const part of parts) {
    if (part.intervalMs !== first.intervalMs) return undefined
    if (part.length === 0) continue
    if ((part.openTimeMs[0] as number) <= lastTimeMs) return undefined
    openTimeMs.set(part.openTimeMs, at)
    volume.set(part.volume, at)
    const factor = 10 ** (scale - part.scale)
    for (const [to, from] of [
      [open, part.open],
      [high, part.high],
      [low, part.low],
      [close, part.close]
    ] as const) {
      if (factor === 1) to.set(from, at)
      else for (let index = 0; index < part.length; index++) to[at + index] = scaled(from[index] as number, factor, scale)
    }
    at += part.length
    lastTimeMs = part.openTimeMs[part.length - 1] as number
  }
  return { symbol: first.symbol, interval: first.interval, intervalMs: first.intervalMs, scale, length, openTimeMs, open, high, low, close, volume }
}

/** Returns an integer price multiplied by a power of ten, checked to stay exact. */
function scaled(value: number, factor: number, scale: number): number {
  const result = value * factor
  if (!Number.isSafeInteger(result)) throw new RangeError(`a price does not fit in 2^53 at ${scale} decimals`)
  return result
}
