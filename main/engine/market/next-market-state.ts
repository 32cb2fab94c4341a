import type { MarketReading } from './market-reading'
import type { MarketStateChanged } from './market-state-changed'
import type { MarketStateMemory } from './market-state-memory'
import type { MarketStateSettings } from './market-settings'

/** The hysteresis after one reading: the memory to keep, and the change it confirmed, if any. */
export interface MarketStateStep {
  readonly memory: MarketStateMemory
  readonly change?: MarketStateChanged
}

/**
 * The memory after an 'unknown' reading of the candle that opened at `lastCandleOpenTimeMs` (or
 * none): the confirmed state stands, and the count of a candidate starts again.
 */
export function afterUnknownReading(previous: MarketStateMemory, lastCandleOpenTimeMs: number | null): MarketStateMemory {
  return { ...previous, candidate: null, candidateCandles: 0, lastCandleOpenTimeMs }
}

/**
 * Folds one reading (taken when a candle closed) into the hysteresis. A state other than the
 * confirmed one is taken only once it has been read on `hysteresisCandles` consecutive closed
 * candles; a reading of the confirmed state, an 'unknown' reading or a missing candle between two
 * readings starts the count again, so the state never flaps. An 'unknown' reading never replaces a
 * confirmed state: missing data is no evidence that the market changed, and dropping a downtrend
 * because candles went missing would lift the protection when it may matter most. A reading of a
 * candle already read, or of an older one, changes nothing (replays are harmless).
 *
 * Pure. A caller logs each reading at debug and each change at info (review 3.2): with the
 * hysteresis, changes are rare enough to be worth a person's attention.
 */
export function nextMarketState(previous: MarketStateMemory, reading: MarketReading, settings: Pick<MarketStateSettings, 'hysteresisCandles'>): MarketStateStep {
  const openTimeMs = reading.lastOpenTimeMs
  if (openTimeMs !== null && previous.lastCandleOpenTimeMs !== null && openTimeMs <= previous.lastCandleOpenTimeMs) return { memory: previous }
  const lastCandleOpenTimeMs = openTimeMs ?? previous.lastCandleOpenTimeMs

  if (reading.state === 'unknown') return { memory: afterUnknownReading(previous, lastCandleOpenTimeMs) }
  if (reading.state === previous.state) return { memory: { ...previous, candidate: null, candidateCandles: 0, lastCandleOpenTimeMs } }

  const follows = previous.lastCandleOpenTimeMs !== null && reading.lastOpenTimeMs === previous.lastCandleOpenTimeMs + reading.intervalMs
  const candidateCandles = previous.candidate === reading.state && follows ? previous.candidateCandles + 1 : 1
  if (candidateCandles < settings.hysteresisCandles) {
    return { memory: { ...previous, candidate: reading.state, candidateCandles, lastCandleOpenTimeMs } }
  }

  const held = candidateCandles === 1 ? 'read on the latest candle' : `read on ${candidateCandles} consecutive candles`
  const reason = `${reading.reason} (${held})`
  const change: MarketStateChanged = { type: 'MarketStateChanged', from: previous.state, to: reading.state, reason, atMs: reading.lastCloseTimeMs }
  return {
    memory: { state: reading.state, reason, sinceMs: reading.lastCloseTimeMs, candidate: null, candidateCandles: 0, lastCandleOpenTimeMs },
    change
  }
}
