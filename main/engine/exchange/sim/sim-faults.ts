import type { Decimal } from '@shared/money/decimal'
import {
  checkRates,
  DEFAULT_RATES,
  PLACEMENT_REJECTS,
  SIGNED_METHODS,
  WORLD_EVENT_RATES,
  zeroStats,
  type FaultableMethod,
  type FaultStats,
  type SimFaultOptions,
  type SimFaultRates,
  type VenueReject
} from './sim-fault-rates'
import { SeededRandom } from './seeded-random'

export type { FaultableMethod, FaultStats, SimFaultOptions, SimFaultRates } from './sim-fault-rates'

/** A fault of one placeOrder call. */
export type PlacementFault =
  | { readonly kind: 'reject'; readonly code: number; readonly message: string }
  | { readonly kind: 'timeout-after-accept' }
  | { readonly kind: 'timeout-before-accept' }
  | { readonly kind: 'rate-limit'; readonly retryAfterMs: number }
  | { readonly kind: 'reject-mix'; readonly code: number; readonly message: string }

/** A fault of one cancelOrder call. */
export type CancelFault = 'timeout-before-apply' | 'timeout-after-apply'

/** What happens to one user event on its way to the listeners. */
export type StreamFate = { readonly kind: 'deliver' } | { readonly kind: 'drop' } | { readonly kind: 'duplicate' } | { readonly kind: 'delay'; readonly ms: number }

/** A world event drawn on one public trade, with the draws that pick what it acts on. */
export interface WorldEvent {
  readonly kind: 'exchange-expire' | 'external-cancel' | 'hand-trade' | 'forget-order' | 'symbol-break' | 'rules-change' | 'gap'
  /** Three values in [0, 1) that choose the order, side, amount or change. */
  readonly picks: readonly [number, number, number]
}

const WORLD_KINDS: Readonly<Record<(typeof WORLD_EVENT_RATES)[number], WorldEvent['kind']>> = {
  exchangeExpireRate: 'exchange-expire',
  externalCancelRate: 'external-cancel',
  handTradeRate: 'hand-trade',
  forgetOrderRate: 'forget-order',
  symbolBreakRate: 'symbol-break',
  rulesChangeRate: 'rules-change',
  gapRate: 'gap'
}

/**
 * The simulator's fault injection: one-shot faults queued by a test, and random faults for chaos
 * runs drawn from a seeded generator (one draw per call or event, so a seed replays exactly).
 * Every injected fault is counted in `stats()`. Settings can change at any time.
 */
export class SimFaults {
  private rates: SimFaultRates
  private readonly requestRandom: SeededRandom
  private readonly streamRandom: SeededRandom
  // Each newer concern draws from its own generator, so enabling one leaves the others' sequences as they were
  private readonly worldRandom: SeededRandom
  private readonly takerRandom: SeededRandom
  private readonly feeRandom: SeededRandom
  private readonly clockRandom: SeededRandom
  private readonly rejectRandom: SeededRandom
  private readonly thinBooks = new Map<string, Decimal[]>()
  private burstUntilMs = Number.NEGATIVE_INFINITY
  private readonly oneShots = new Map<FaultableMethod, Error[]>()
  private readonly placements: PlacementFault[] = []
  private readonly cancels: CancelFault[] = []
  private readonly counters: FaultStats = zeroStats()

  constructor(options: SimFaultOptions = {}, seed = 1) {
    this.rates = checkRates({ ...DEFAULT_RATES, ...options })
    this.requestRandom = SeededRandom.derive(seed, 1)
    this.streamRandom = SeededRandom.derive(seed, 2)
    this.worldRandom = SeededRandom.derive(seed, 3)
    this.takerRandom = SeededRandom.derive(seed, 4)
    this.feeRandom = SeededRandom.derive(seed, 5)
    this.clockRandom = SeededRandom.derive(seed, 6)
    this.rejectRandom = SeededRandom.derive(seed, 7)
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

  /** Makes the next order of `symbol` that takes find only `liquidity` (base quantity) at the touch: a thin book. */
  thinBookNext(symbol: string, liquidity: Decimal): void {
    if (liquidity.isNegative()) throw new RangeError(`thin-book liquidity must not be negative, got ${liquidity.toFixed()}`)
    this.thinBooks.set(symbol, [...(this.thinBooks.get(symbol) ?? []), liquidity])
  }

  /** Starts a stretch of `durationMs` from `nowMs` in which every signed call is refused with -1021. */
  startTimestampBurst(nowMs: number, durationMs: number): void {
    if (!(durationMs > 0)) throw new RangeError(`a -1021 burst must last longer than 0 ms, got ${durationMs}`)
    this.burstUntilMs = Math.max(this.burstUntilMs, nowMs + durationMs)
    this.counters.timestampBursts += 1
  }

  /** Returns (and counts) the fault of this placeOrder call, if any; `hasPrice` tells whether the order carries a price. */
  placementFault(hasPrice = true): PlacementFault | undefined {
    const draw = this.requestRandom.next()
    const mixDraw = this.rejectRandom.next()
    const mixPick = this.rejectRandom.next()
    const fault = this.placements.shift() ?? this.randomPlacementFault(draw) ?? this.mixReject(mixDraw, mixPick, hasPrice)
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

  /**
   * Decides whether a call of `method` at `nowMs` is refused with -1021: a signed call inside a
   * burst is, and a signed call may start one (one draw per signed call). Counts each refusal.
   */
  timestampRefusal(method: FaultableMethod, nowMs: number): boolean {
    if (!SIGNED_METHODS.has(method)) return false
    const draw = this.clockRandom.next()
    if (nowMs >= this.burstUntilMs && draw < this.rates.timestampBurstRate) this.startTimestampBurst(nowMs, Math.max(1, this.rates.timestampBurstMs))
    if (nowMs >= this.burstUntilMs) return false
    this.counters.timestampRejected += 1
    return true
  }

  /**
   * Returns the liquidity at the touch for one order of `symbol` that takes `remaining`: a queued
   * thin book first, else with `thinBookRate` a random part of it (two draws per call); undefined
   * when the book is as deep as usual. Counts each thin book met.
   */
  thinBook(symbol: string, remaining: Decimal): Decimal | undefined {
    const draw = this.takerRandom.next()
    const share = this.takerRandom.next()
    const queued = this.thinBooks.get(symbol)?.shift()
    let liquidity = queued
    if (liquidity === undefined && draw < this.rates.thinBookRate) liquidity = remaining.mul(Math.floor(share * 100)).div(100)
    if (liquidity !== undefined) this.counters.thinBookTakes += 1
    return liquidity
  }

  /** Decides (one draw per fill) whether a fill pays its commission in BNB at random. */
  bnbCommission(): boolean {
    return this.feeRandom.next() < this.rates.bnbCommissionRate
  }

  /** Draws the world event of one public trade, if any (four draws per trade). */
  worldEvent(): WorldEvent | undefined {
    const draw = this.worldRandom.next()
    const picks = [this.worldRandom.next(), this.worldRandom.next(), this.worldRandom.next()] as const
    let edge = 0
    for (const key of WORLD_EVENT_RATES) {
      edge += this.rates[key]
      if (draw < edge) return { kind: WORLD_KINDS[key], picks }
    }
    return undefined
  }

  /** Counts one occurrence of a world fault. */
  countWorld(
    counter:
      | 'selfTradesPrevented'
      | 'exchangeExpiries'
      | 'externalCancels'
      | 'handOrdersPlaced'
      | 'handOrdersCancelled'
      | 'ordersForgotten'
      | 'accountResets'
      | 'symbolBreaks'
      | 'rulesChanges'
      | 'gaps'
      | 'commissionInBnb'
  ): void {
    this.counters[counter] += 1
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

  private mixReject(draw: number, pick: number, hasPrice: boolean): PlacementFault | undefined {
    if (draw >= this.rates.placeRejectMixRate) return undefined
    const fitting = PLACEMENT_REJECTS.filter((reject) => hasPrice || reject.needsPrice !== true)
    const reject = fitting[Math.min(fitting.length - 1, Math.floor(pick * fitting.length))] as VenueReject
    return { kind: 'reject-mix', code: reject.code, message: reject.message }
  }
}

const PLACEMENT_COUNTER = {
  reject: 'placeRejected',
  'timeout-after-accept': 'placeTimeoutAfterAccept',
  'timeout-before-accept': 'placeTimeoutBeforeAccept',
  'rate-limit': 'placeRateLimited',
  'reject-mix': 'placeRejectedMix'
} as const satisfies Record<PlacementFault['kind'], keyof FaultStats>

