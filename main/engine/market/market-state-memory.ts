import { z } from 'zod'
import { MARKET_STATES, type MarketReadingState, type MarketState } from './market-state'

/**
 * What the hysteresis remembers between candles: the confirmed state and the contrary state it is
 * counting. Plain JSON, so it can be stored in the journal and read back after a restart.
 */
export interface MarketStateMemory {
  /** The confirmed state; 'unknown' only until the first state is confirmed, never again after. */
  readonly state: MarketReadingState
  /** Why the confirmed state was taken (the reading that confirmed it). */
  readonly reason: string
  /** Exchange time of the candle close that confirmed the state, or null while unknown. */
  readonly sinceMs: number | null
  /** A state other than the confirmed one, read on the latest candles; null when there is none. */
  readonly candidate: MarketState | null
  /** Consecutive closed candles the candidate has been read on. */
  readonly candidateCandles: number
  /** Open time of the newest candle read, so a repeated or older reading changes nothing. */
  readonly lastCandleOpenTimeMs: number | null
}

/** Returns the memory of a bot that has read no candle yet. */
export function initialMarketStateMemory(): MarketStateMemory {
  return { state: 'unknown', reason: 'unknown: no candles read yet', sinceMs: null, candidate: null, candidateCandles: 0, lastCandleOpenTimeMs: null }
}

const marketState = z.enum(MARKET_STATES as [MarketState, ...MarketState[]])
const timeMs = z.number().int().nonnegative()

const memorySchema = z
  .strictObject({
    state: z.union([marketState, z.literal('unknown')]),
    reason: z.string(),
    sinceMs: timeMs.nullable(),
    candidate: marketState.nullable(),
    candidateCandles: z.number().int().nonnegative(),
    lastCandleOpenTimeMs: timeMs.nullable()
  })
  .refine((memory) => memory.candidate !== memory.state, { message: 'candidate must differ from the confirmed state' })
  .refine((memory) => (memory.candidate === null) === (memory.candidateCandles === 0), { message: 'candidateCandles must be 0 exactly when there is no candidate' })

/** Returns the memory stored as JSON, or the reasons it is not a valid memory (e.g. a corrupt journal row). */
export function parseMarketStateMemory(value: unknown): { readonly ok: true; readonly memory: MarketStateMemory } | { readonly ok: false; readonly errors: readonly string[] } {
  const result = memorySchema.safeParse(value)
  if (result.success) return { ok: true, memory: result.data }
  return { ok: false, errors: result.error.issues.map((issue) => `${issue.path.length === 0 ? 'memory' : issue.path.join('.')}: ${issue.message}`) }
}
