import type { SimFaults } from '../sim/sim-faults'
import { SeededRandom } from '../sim/seeded-random'

/** Fault settings of the paper server; every probability is within 0…1 and everything is off by default. */
export interface PaperFaultSettings {
  /** Extra delay of every REST response and WebSocket API answer, in milliseconds. */
  readonly latencyMs: number
  /** Share of REST requests answered HTTP 500 -1001 (outcome unknown). */
  readonly serverErrorRate: number
  /** Share of those 5xx answers on order endpoints whose order was placed (or cancel applied) all the same. */
  readonly serverErrorAppliedShare: number
  /** Share of order placements and cancels answered -1007 (the simulator's own timeout faults). */
  readonly orderTimeoutRate: number
  /** Share of those -1007 placements whose order was placed all the same. */
  readonly orderTimeoutPlacedShare: number
  /** Share of REST requests answered 429 -1003. */
  readonly rateLimitRate: number
  /** Retry-After of an injected 429, in seconds. */
  readonly rateLimitRetryAfterSeconds: number
  /** Share of signed requests (REST and WebSocket API) that start a -1021 burst of `timestampBurstMs`, refusing every signed request in it. */
  readonly timestampBurstRate: number
  readonly timestampBurstMs: number
}

/** Counters of the faults the server injected. */
export interface PaperFaultStats {
  serverErrors: number
  serverErrorsApplied: number
  rateLimited: number
  droppedConnections: number
  silencedConnections: number
  shutdowns: number
  /** -1021 bursts started, and the signed requests they refused. */
  timestampBursts: number
  timestampRejected: number
}

/** What one REST request meets. */
export type RequestFault = { readonly kind: 'none' } | { readonly kind: 'rate-limit'; readonly retryAfterSeconds: number } | { readonly kind: 'server-error'; readonly applied: boolean }

/** Actions on the server's WebSocket connections, wired by the server. */
export interface ConnectionControls {
  /** Closes every connection abruptly (no close frame). */
  drop(): number
  /** Stops every current connection from sending anything or answering pings, until restored. */
  silence(): number
  /** Lets silenced connections speak again. */
  restore(): void
  /** Sends `serverShutdown` on every connection, then closes them after `graceMs`. */
  shutdown(graceMs: number): number
}

const OFF: PaperFaultSettings = {
  latencyMs: 0,
  serverErrorRate: 0,
  serverErrorAppliedShare: 0.5,
  orderTimeoutRate: 0,
  orderTimeoutPlacedShare: 0.5,
  rateLimitRate: 0,
  rateLimitRetryAfterSeconds: 10,
  timestampBurstRate: 0,
  timestampBurstMs: 30_000
}

/**
 * The paper server's switchable faults, at start and at run time: latency, 5xx answers (with the
 * order placed or not), -1007 timeouts through the simulator's own fault model, injected 429s,
 * -1021 bursts on signed requests, and dropped, silent or shut-down WebSocket connections. The
 * simulator's own world (refusals, STP, expiries, the person trading by hand, BREAK, rules
 * changes…) is switched on `server.sim.faults` and driven by `server.sim.world`. Random faults come from a seeded
 * generator with a fixed number of draws per request, so a seed replays the same faults.
 */
export class PaperFaults {
  private current: PaperFaultSettings
  private readonly random: SeededRandom
  // Its own generator, so a burst rate leaves the other faults' draws as the seed made them
  private readonly clockRandom: SeededRandom
  private burstUntilMs = Number.NEGATIVE_INFINITY
  private readonly counters: PaperFaultStats = {
    serverErrors: 0,
    serverErrorsApplied: 0,
    rateLimited: 0,
    droppedConnections: 0,
    silencedConnections: 0,
    shutdowns: 0,
    timestampBursts: 0,
    timestampRejected: 0
  }
  private controls: ConnectionControls | undefined
  private readonly queued: RequestFault[] = []

  constructor(
    private readonly simFaults: SimFaults,
    settings: Partial<PaperFaultSettings>,
    seed: number,
    private readonly nowMs: () => number = Date.now
  ) {
    this.random = SeededRandom.derive(seed, 11)
    this.clockRandom = SeededRandom.derive(seed, 12)
    this.current = check({ ...OFF, ...settings })
    this.applyToSim()
  }

  /** Returns the settings in force. */
  settings(): PaperFaultSettings {
    return this.current
  }

  /** Changes some settings; the others keep their values. */
  configure(settings: Partial<PaperFaultSettings>): void {
    this.current = check({ ...this.current, ...settings })
    this.applyToSim()
  }

  /** Returns a copy of the counters. */
  stats(): PaperFaultStats {
    return { ...this.counters }
  }

  /** Makes the next REST request answer 429 -1003 with this Retry-After. */
  rateLimitNext(retryAfterSeconds = this.current.rateLimitRetryAfterSeconds): void {
    this.queued.push({ kind: 'rate-limit', retryAfterSeconds })
  }

  /** Makes the next REST request answer 500 -1001, applied (order placed, cancel done) or not. */
  serverErrorNext(applied: boolean): void {
    this.queued.push({ kind: 'server-error', applied })
  }

  /** Refuses every signed request with -1021 "Timestamp for this request is outside of the recvWindow." for `durationMs` from now. */
  timestampBurst(durationMs: number): void {
    if (!(durationMs > 0)) throw new RangeError(`a -1021 burst must last longer than 0 ms, got ${durationMs}`)
    this.burstUntilMs = Math.max(this.burstUntilMs, this.nowMs() + durationMs)
    this.counters.timestampBursts += 1
  }

  /** Decides (and counts) whether one signed request is refused with -1021 (one draw per signed request). */
  timestampRefusal(): boolean {
    const draw = this.clockRandom.next()
    const nowMs = this.nowMs()
    if (nowMs >= this.burstUntilMs && draw < this.current.timestampBurstRate) this.timestampBurst(Math.max(1, this.current.timestampBurstMs))
    if (nowMs >= this.burstUntilMs) return false
    this.counters.timestampRejected += 1
    return true
  }

  /** Decides (and counts) the fault of one REST request. */
  requestFault(): RequestFault {
    const rateDraw = this.random.next()
    const errorDraw = this.random.next()
    const appliedDraw = this.random.next()
    const fault =
      this.queued.shift() ??
      (rateDraw < this.current.rateLimitRate
        ? { kind: 'rate-limit' as const, retryAfterSeconds: this.current.rateLimitRetryAfterSeconds }
        : errorDraw < this.current.serverErrorRate
          ? { kind: 'server-error' as const, applied: appliedDraw < this.current.serverErrorAppliedShare }
          : { kind: 'none' as const })
    if (fault.kind === 'rate-limit') this.counters.rateLimited += 1
    if (fault.kind === 'server-error') {
      this.counters.serverErrors += 1
      if (fault.applied) this.counters.serverErrorsApplied += 1
    }
    return fault
  }

  /** Wires the WebSocket controls (done by the server). */
  attach(controls: ConnectionControls): void {
    this.controls = controls
  }

  /** Drops every WebSocket connection without a close frame; returns how many. */
  dropConnections(): number {
    const count = this.controls?.drop() ?? 0
    this.counters.droppedConnections += count
    return count
  }

  /** Makes every current WebSocket connection fall silent (no frames, no pongs); returns how many. */
  silenceConnections(): number {
    const count = this.controls?.silence() ?? 0
    this.counters.silencedConnections += count
    return count
  }

  /** Lets silenced connections speak again. */
  restoreConnections(): void {
    this.controls?.restore()
  }

  /** Sends `serverShutdown` on every connection and closes them after `graceMs`; returns how many. */
  serverShutdown(graceMs = 100): number {
    this.counters.shutdowns += 1
    return this.controls?.shutdown(graceMs) ?? 0
  }

  private applyToSim(): void {
    const rate = this.current.orderTimeoutRate
    const placed = this.current.orderTimeoutPlacedShare
    this.simFaults.configure({ timeoutAfterAcceptRate: rate * placed, timeoutBeforeAcceptRate: rate * (1 - placed), cancelTimeoutRate: rate })
  }
}

function check(settings: PaperFaultSettings): PaperFaultSettings {
  for (const key of ['serverErrorRate', 'serverErrorAppliedShare', 'orderTimeoutRate', 'orderTimeoutPlacedShare', 'rateLimitRate', 'timestampBurstRate'] as const) {
    const value = settings[key]
    if (!(value >= 0 && value <= 1)) throw new RangeError(`fault setting ${key} must be within 0…1, got ${value}`)
  }
  if (!(settings.latencyMs >= 0) || !(settings.rateLimitRetryAfterSeconds >= 0) || !(settings.timestampBurstMs >= 0)) throw new RangeError('fault delays must not be negative')
  return settings
}
