import type { Exchange } from '../port/exchange'
import { SeededRandom } from './seeded-random'

/** The Exchange methods that return a promise, so a one-shot failure can be injected into them. */
export type FaultableMethod = {
  [K in keyof Exchange]: Exchange[K] extends (...args: never[]) => Promise<unknown> ? K : never
}[keyof Exchange]

/** Probabilities (0…1) and parameters of the random faults of a chaos run. */
export interface SimFaultRates {
  /** placeOrder is rejected with `placeReject`. */
  readonly placeRejectRate: number
  /** placeOrder places the order, then the call times out (OutcomeUnknownError). */
  readonly timeoutAfterAcceptRate: number
  /** placeOrder times out and nothing is placed (OutcomeUnknownError). */
  readonly timeoutBeforeAcceptRate: number
  /** placeOrder answers 429 (ExchangeRetryableError -1015). */
  readonly rateLimitRate: number
  /** cancelOrder times out; half the time the cancel had been applied, half the time not. */
  readonly cancelTimeoutRate: number
  /** A user event is lost. */
  readonly streamDropRate: number
  /** A user event arrives twice. */
  readonly streamDuplicateRate: number
  /** A user event (and so every later one) arrives `streamDelayMs` of clock time late. */
  readonly streamDelayRate: number
  readonly streamDelayMs: number
  /** Retry-After of an injected 429, in milliseconds. */
  readonly rateLimitRetryAfterMs: number
  /** The code and text of a random placement reject. */
  readonly placeReject: { readonly code: number; readonly message: string }
}

/** Initial fault settings; anything absent is off. */
export type SimFaultOptions = Partial<SimFaultRates>

/** How many faults of each kind were injected so far. */
export interface FaultStats {
  failNext: number
  placeRejected: number
  placeTimeoutAfterAccept: number
  placeTimeoutBeforeAccept: number
  placeRateLimited: number
  cancelTimeoutBeforeApply: number
  cancelTimeoutAfterApply: number
  streamDropped: number
  streamDuplicated: number
  streamDelayed: number
  /** Events lost while the stream was silenced. */
  streamSilenced: number
  /** Events lost while the stream was disconnected. */
  streamLostWhileDisconnected: number
  streamSilences: number
  streamDisconnects: number
}

/** A fault of one placeOrder call. */
export type PlacementFault =
  | { readonly kind: 'reject'; readonly code: number; readonly message: string }
  | { readonly kind: 'timeout-after-accept' }
  | { readonly kind: 'timeout-before-accept' }
  | { readonly kind: 'rate-limit'; readonly retryAfterMs: number }

/** A fault of one cancelOrder call. */
export type CancelFault = 'timeout-before-apply' | 'timeout-after-apply'

/** What happens to one user event on its way to the listeners. */
export type StreamFate = { readonly kind: 'deliver' } | { readonly kind: 'drop' } | { readonly kind: 'duplicate' } | { readonly kind: 'delay'; readonly ms: number }

const DEFAULT_RATES: SimFaultRates = {
  placeRejectRate: 0,
  timeoutAfterAcceptRate: 0,
  timeoutBeforeAcceptRate: 0,
  rateLimitRate: 0,
  cancelTimeoutRate: 0,
  streamDropRate: 0,
  streamDuplicateRate: 0,
  streamDelayRate: 0,
  streamDelayMs: 1000,
  rateLimitRetryAfterMs: 10_000,
  // A transient reject a live bot really meets when the price moves between its check and the send
  placeReject: { code: -1013, message: 'Filter failure: PERCENT_PRICE_BY_SIDE' }
}

const PROBABILITIES = [
  'placeRejectRate',
  'timeoutAfterAcceptRate',
  'timeoutBeforeAcceptRate',
  'rateLimitRate',
  'cancelTimeoutRate',
  'streamDropRate',
  'streamDuplicateRate',
  'streamDelayRate'
] as const

/**
 * The simulator's fault injection: one-shot faults queued by a test, and random faults for chaos
 * runs drawn from a seeded generator (one draw per call or event, so a seed replays exactly).
 * Every injected fault is counted in `stats()`. Settings can change at any time.
 */
export class SimFaults {
  private rates: SimFaultRates
  private readonly requestRandom: SeededRandom
  private readonly streamRandom: SeededRandom
  private readonly oneShots = new Map<FaultableMethod, Error[]>()
  private readonly placements: PlacementFault[] = []
  private readonly cancels: CancelFault[] = []
  private readonly counters: FaultStats = {
    failNext: 0,
    placeRejected: 0,
    placeTimeoutAfterAccept: 0,
    placeTimeoutBeforeAccept: 0,
    placeRateLimited: 0,
    cancelTimeoutBeforeApply: 0,
    cancelTimeoutAfterApply: 0,
    streamDropped: 0,
    streamDuplicated: 0,
    streamDelayed: 0,
    streamSilenced: 0,
    streamLostWhileDisconnected: 0,
    streamSilences: 0,
    streamDisconnects: 0
  }

  constructor(options: SimFaultOptions = {}, seed = 1) {
    this.rates = checkRates({ ...DEFAULT_RATES, ...options })
    this.requestRandom = SeededRandom.derive(seed, 1)
    this.streamRandom = SeededRandom.derive(seed, 2)
  }

  /** Changes some fault settings; the others keep their values. */
  configure(options: SimFaultOptions): void {
    this.rates = checkRates({ ...this.rates, ...options })
  }

  /** Returns the current settings. */
  settings(): SimFaultRates {
    return this.rates
  }

  /** Makes the next call of `method` reject with `error` before doing anything. */
  failNext(method: FaultableMethod, error: Error): void {
    const queue = this.oneShots.get(method) ?? []
    queue.push(error)
    this.oneShots.set(method, queue)
  }

  /** Makes the next placeOrder reject with this code and text. */
  rejectNextPlacement(code: number, message: string): void {
    this.placements.push({ kind: 'reject', code, message })
  }

  /** Makes the next placeOrder time out, after placing the order or before. */
  timeoutNextPlacement(when: 'after-accept' | 'before-accept'): void {
    this.placements.push({ kind: when === 'after-accept' ? 'timeout-after-accept' : 'timeout-before-accept' })
  }

  /** Makes the next placeOrder answer 429 with this Retry-After. */
  rateLimitNextPlacement(retryAfterMs = this.rates.rateLimitRetryAfterMs): void {
    this.placements.push({ kind: 'rate-limit', retryAfterMs })
  }

  /** Makes the next cancelOrder time out, with the cancel applied or not. */
  timeoutNextCancel(when: 'after-apply' | 'before-apply'): void {
    this.cancels.push(when === 'after-apply' ? 'timeout-after-apply' : 'timeout-before-apply')
  }

  /** Returns a copy of the fault counters. */
  stats(): FaultStats {
    return { ...this.counters }
  }

  /** Returns (and counts) the queued one-shot failure of a method, if any. */
  takeFailure(method: FaultableMethod): Error | undefined {
    const error = this.oneShots.get(method)?.shift()
    if (error !== undefined) this.counters.failNext += 1
    return error
  }

  /** Returns (and counts) the fault of this placeOrder call, if any. */
  placementFault(): PlacementFault | undefined {
    const draw = this.requestRandom.next()
    const fault = this.placements.shift() ?? this.randomPlacementFault(draw)
    if (fault !== undefined) this.counters[PLACEMENT_COUNTER[fault.kind]] += 1
    return fault
  }

  /** Returns (and counts) the fault of this cancelOrder call, if any. */
  cancelFault(): CancelFault | undefined {
    const draw = this.requestRandom.next()
    const side = this.requestRandom.next()
    const fault = this.cancels.shift() ?? (draw < this.rates.cancelTimeoutRate ? (side < 0.5 ? 'timeout-before-apply' : 'timeout-after-apply') : undefined)
    if (fault === 'timeout-before-apply') this.counters.cancelTimeoutBeforeApply += 1
    if (fault === 'timeout-after-apply') this.counters.cancelTimeoutAfterApply += 1
    return fault
  }

  /** Decides (and counts) what happens to one user event. */
  streamFate(): StreamFate {
    const draw = this.streamRandom.next()
    const { streamDropRate: drop, streamDuplicateRate: duplicate, streamDelayRate: delay } = this.rates
    if (draw < drop) {
      this.counters.streamDropped += 1
      return { kind: 'drop' }
    }
    if (draw < drop + duplicate) {
      this.counters.streamDuplicated += 1
      return { kind: 'duplicate' }
    }
    if (draw < drop + duplicate + delay) {
      this.counters.streamDelayed += 1
      return { kind: 'delay', ms: this.rates.streamDelayMs }
    }
    return { kind: 'deliver' }
  }

  /** Counts a stream-level fault or loss. */
  count(counter: 'streamSilenced' | 'streamLostWhileDisconnected' | 'streamSilences' | 'streamDisconnects'): void {
    this.counters[counter] += 1
  }

  private randomPlacementFault(draw: number): PlacementFault | undefined {
    const { rateLimitRate, placeRejectRate, timeoutBeforeAcceptRate, timeoutAfterAcceptRate } = this.rates
    let edge = rateLimitRate
    if (draw < edge) return { kind: 'rate-limit', retryAfterMs: this.rates.rateLimitRetryAfterMs }
    edge += placeRejectRate
    if (draw < edge) return { kind: 'reject', ...this.rates.placeReject }
    edge += timeoutBeforeAcceptRate
    if (draw < edge) return { kind: 'timeout-before-accept' }
    edge += timeoutAfterAcceptRate
    if (draw < edge) return { kind: 'timeout-after-accept' }
    return undefined
  }
}

const PLACEMENT_COUNTER = {
  reject: 'placeRejected',
  'timeout-after-accept': 'placeTimeoutAfterAccept',
  'timeout-before-accept': 'placeTimeoutBeforeAccept',
  'rate-limit': 'placeRateLimited'
} as const satisfies Record<PlacementFault['kind'], keyof FaultStats>

function checkRates(rates: SimFaultRates): SimFaultRates {
  for (const key of PROBABILITIES) {
    const value = rates[key]
    if (!(value >= 0 && value <= 1)) throw new RangeError(`fault rate ${key} must be within 0…1, got ${value}`)
  }
  const placement = rates.placeRejectRate + rates.timeoutAfterAcceptRate + rates.timeoutBeforeAcceptRate + rates.rateLimitRate
  if (placement > 1) throw new RangeError(`placement fault rates add up to ${placement}, more than 1`)
  const stream = rates.streamDropRate + rates.streamDuplicateRate + rates.streamDelayRate
  if (stream > 1) throw new RangeError(`stream fault rates add up to ${stream}, more than 1`)
  if (!(rates.streamDelayMs >= 0) || !(rates.rateLimitRetryAfterMs >= 0)) throw new RangeError('fault delays must not be negative')
  return rates
}
