import { KLINE_INTERVAL_MS } from '../engine/exchange/port/kline-interval'

/**
 * Binance's kline intervals of a fixed length, in milliseconds: the engine's intervals plus one
 * second, three days and one week. `1M` is left out because a calendar month has no fixed length.
 */
export const KLINE_INTERVALS: Readonly<Record<string, number>> = {
  '1s': 1_000,
  ...KLINE_INTERVAL_MS,
  '3d': 259_200_000,
  '1w': 604_800_000
}

/** Returns the length of a Binance interval name in milliseconds, or undefined for an unknown name. */
export function intervalMsOf(name: string): number | undefined {
  return Object.hasOwn(KLINE_INTERVALS, name) ? KLINE_INTERVALS[name] : undefined
}

/** Returns the Binance name of an interval length in milliseconds, or undefined when none has that length. */
export function intervalNameOf(intervalMs: number): string | undefined {
  for (const [name, length] of Object.entries(KLINE_INTERVALS)) if (length === intervalMs) return name
  return undefined
}
