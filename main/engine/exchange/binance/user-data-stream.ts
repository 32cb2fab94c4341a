import type { Clock } from '../../clock/clock'
import { isClockStoppedError } from '../../clock/clock-stopped-error'
import type { Logger } from '../../logging/logger'
import type { UserEvent } from '../port/user-event'
import { backoffMs, type BackoffSettings } from './backoff'
import type { UserFrame } from './parse-user-event'

/** One live user-data subscription. */
export interface UserStreamConnection {
  /** Resolves once, with why the connection ended (dropped, shut down, closed by `close`). */
  readonly ended: Promise<string>
  /** Ends the connection; `ended` resolves with `reason`. */
  close(reason: string): void
}

/** Opens a connection and subscribes to user data; resolves once subscribed. Frames go to `onFrame`. */
export type ConnectUserStream = (onFrame: (raw: unknown) => void) => Promise<UserStreamConnection>

/** Timing of the user-data stream; every duration in milliseconds. */
export interface UserStreamSettings {
  /** Reconnect backoff after failed attempts: first wait and ceiling (500 and 30 000). A dropped live connection is retried at once. */
  readonly backoff?: Partial<BackoffSettings>
  /** An attempt that has not subscribed within this fails (10 000). */
  readonly connectTimeoutMs?: number
  /** The idle watchdog: a stream silent this long while orders are open is treated as dead (180 000). */
  readonly idleTimeoutMs?: number
  /** How often the watchdog looks (5 000, or a quarter of idleTimeoutMs when that is shorter). */
  readonly idleCheckIntervalMs?: number
  /** How long order entry waits for the first subscription before going ahead without it (5 000). */
  readonly firstSubscribeWaitMs?: number
}

/** What the stream needs. */
export interface UserDataStreamDeps {
  readonly connect: ConnectUserStream
  /** Reads one frame (throws BinancePayloadError for one it cannot read). */
  readonly readFrame: (raw: unknown) => UserFrame
  /** Receives port events, and the stream's own status events. */
  readonly onEvent: (event: UserEvent) => void
  /** Whether any order is open: silence is suspicious only then. */
  readonly hasOpenOrders: () => boolean
  readonly clock: Clock
  readonly logger: Logger
  readonly random: () => number
  readonly settings?: UserStreamSettings
}

/** Where the stream is. */
export type UserStreamState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'stopped'

/**
 * The user-data subscription's lifecycle: connect and subscribe, deliver events, and on a drop,
 * a serverShutdown, an ended subscription or a silence the idle watchdog catches, emit
 * `{type:'stream', status:'disconnected'}`, reconnect (at once, then with exponential backoff and
 * jitter) and emit `connected` once subscribed again — the engine reconciles on it. `connected` is
 * also emitted whenever events may have been missed since the subscriber asked: after the first
 * subscription only if an order went out before it (see `beforeOrderEntry`), or when an event
 * could not be read. Time (backoff, timeouts, the watchdog) runs on the injected clock.
 */
export class UserDataStream {
  private state: UserStreamState = 'idle'
  private running: Promise<void> | undefined
  private readonly controller = new AbortController()
  private current: UserStreamConnection | undefined
  private missed = false
  private subscribedOnce = false
  private lastActivityMs = 0
  private lastEventMs: number | undefined
  private firstWaiters: (() => void)[] = []
  private readonly settings: Required<Omit<UserStreamSettings, 'backoff'>> & { readonly backoff: BackoffSettings }

  constructor(private readonly deps: UserDataStreamDeps) {
    const given = deps.settings ?? {}
    const idleTimeoutMs = given.idleTimeoutMs ?? 180_000
    this.settings = {
      backoff: { initialMs: given.backoff?.initialMs ?? 500, maxMs: given.backoff?.maxMs ?? 30_000 },
      connectTimeoutMs: given.connectTimeoutMs ?? 10_000,
      idleTimeoutMs,
      idleCheckIntervalMs: given.idleCheckIntervalMs ?? Math.min(5_000, Math.max(1, Math.floor(idleTimeoutMs / 4))),
      firstSubscribeWaitMs: given.firstSubscribeWaitMs ?? 5_000
    }
  }

  /** Starts connecting (once). */
  start(): void {
    if (this.running !== undefined || this.controller.signal.aborted) return
    this.state = 'connecting'
    this.running = this.run()
  }

  /** Stops for good: closes the connection and ends the reconnect loop. */
  async stop(): Promise<void> {
    this.controller.abort(new Error('the user-data stream stopped'))
    this.current?.close('stopped')
    this.wakeFirstWaiters()
    await this.running
    this.state = 'stopped'
  }

  /** Returns where the stream is. */
  status(): { readonly state: UserStreamState; readonly lastEventMs: number | undefined } {
    return { state: this.state, lastEventMs: this.lastEventMs }
  }

  /**
   * Called before every order entry: waits (bounded) for the first subscription, so the events of
   * the order cannot be missed; if it is not there in time the order goes ahead and a `connected`
   * event follows the subscription, so the engine reconciles what it may have missed.
   */
  async beforeOrderEntry(): Promise<void> {
    if (this.state === 'idle' || this.state === 'stopped' || this.state === 'connected') return
    if (!this.subscribedOnce && (await this.waitForFirstSubscription())) return
    this.missed = true
  }

  private async run(): Promise<void> {
    let failures = 0
    const signal = this.controller.signal
    while (!signal.aborted) {
      if (failures > 0) {
        try {
          await this.deps.clock.sleep(backoffMs(this.settings.backoff, failures, this.deps.random), signal)
        } catch {
          break
        }
      }
      let connection: { connection: UserStreamConnection; alive: { value: boolean } }
      try {
        connection = await this.connectOnce()
      } catch (error) {
        if (signal.aborted || isClockStoppedError(error)) break
        failures += 1
        ;(failures === 1 ? this.deps.logger.warn : this.deps.logger.debug).call(this.deps.logger, 'user-data stream: subscribing failed; retrying', { failures, error: messageOf(error) })
        continue
      }
      failures = 0
      const reason = await this.serve(connection.connection)
      connection.alive.value = false
      if (reason === undefined) break
      this.missed = true
      this.state = 'reconnecting'
      this.deps.logger.warn('user-data stream lost; reconnecting', { reason })
      this.emitStatus('disconnected', reason)
    }
    this.state = 'stopped'
  }

  private async connectOnce(): Promise<{ connection: UserStreamConnection; alive: { value: boolean } }> {
    const alive = { value: true }
    const tick = new AbortController()
    const stop = () => tick.abort()
    this.controller.signal.addEventListener('abort', stop, { once: true })
    const connecting = this.deps.connect((raw) => {
      if (alive.value) this.frame(raw)
    })
    const timeout = this.deps.clock.sleep(this.settings.connectTimeoutMs, tick.signal).then(
      () => Promise.reject(new Error(`not subscribed within ${this.settings.connectTimeoutMs} ms`)),
      (error: unknown) => Promise.reject(tick.signal.aborted ? new Error('the user-data stream stopped') : error)
    )
    try {
      return { connection: await Promise.race([connecting, timeout]), alive }
    } catch (error) {
      alive.value = false
      // An attempt that subscribes after all is closed, not leaked
      connecting.then((late) => late.close('abandoned'), () => undefined)
      throw error
    } finally {
      tick.abort()
      timeout.catch(() => undefined)
      this.controller.signal.removeEventListener('abort', stop)
    }
  }

  /** Serves one live connection until it ends (returns why) or the stream stops (returns undefined). */
  private async serve(connection: UserStreamConnection): Promise<string | undefined> {
    const { clock } = this.deps
    const signal = this.controller.signal
    this.current = connection
    this.state = 'connected'
    this.lastActivityMs = clock.nowMs()
    if (this.missed) this.emitStatus('connected', this.subscribedOnce ? 'subscribed again; events may have been missed' : 'subscribed after orders were sent without a stream')
    this.missed = false
    this.subscribedOnce = true
    this.wakeFirstWaiters()
    let reason: string | undefined
    // A stopped clock (the process is stopping) ends the stream as its own stop does, instead of ticking on at once forever
    let clockStopped = false
    while (reason === undefined && !signal.aborted && !clockStopped) {
      const tick = new AbortController()
      const stop = () => tick.abort()
      signal.addEventListener('abort', stop, { once: true })
      const idle = clock.sleep(this.settings.idleCheckIntervalMs, tick.signal).then(
        () => undefined,
        () => {
          clockStopped = !signal.aborted
          return undefined
        }
      )
      reason = await Promise.race([connection.ended, idle])
      tick.abort()
      signal.removeEventListener('abort', stop)
      if (reason === undefined && !signal.aborted && !clockStopped) this.watchIdle(connection)
    }
    this.current = undefined
    if (signal.aborted || clockStopped) {
      connection.close('stopped')
      return undefined
    }
    return reason
  }

  private watchIdle(connection: UserStreamConnection): void {
    const nowMs = this.deps.clock.nowMs()
    // Silence only counts while something could happen to an order
    if (!this.deps.hasOpenOrders()) {
      this.lastActivityMs = nowMs
      return
    }
    const silentMs = nowMs - this.lastActivityMs
    if (silentMs >= this.settings.idleTimeoutMs) connection.close(`idle watchdog: no user data for ${silentMs} ms while orders are open`)
  }

  private frame(raw: unknown): void {
    const { logger, readFrame, onEvent, clock } = this.deps
    this.lastActivityMs = clock.nowMs()
    let frame: UserFrame
    try {
      frame = readFrame(raw)
    } catch (error) {
      // A skipped event may have been a fill: ask the engine to reconcile
      logger.warn('user-data stream: an event could not be read and was skipped', { error: messageOf(error) })
      this.emitStatus('connected', `an unreadable user-data event was skipped (${messageOf(error)}); reconcile`)
      return
    }
    switch (frame.kind) {
      case 'event':
        this.lastEventMs = this.lastActivityMs
        onEvent(frame.event)
        return
      case 'control':
        this.current?.close(frame.control === 'server-shutdown' ? 'the server announced a shutdown' : 'the server ended the subscription')
        return
      case 'ignored':
        logger.debug('user-data stream: event ignored', { eventType: frame.eventType })
        return
    }
  }

  private emitStatus(status: 'connected' | 'disconnected', reason: string): void {
    this.deps.onEvent({ type: 'stream', status, reason, eventTimeMs: this.deps.clock.nowMs() })
  }

  private waitForFirstSubscription(): Promise<boolean> {
    return new Promise((resolve) => {
      const tick = new AbortController()
      const wake = () => {
        tick.abort()
        resolve(this.subscribedOnce)
      }
      this.firstWaiters.push(wake)
      const waited = () => {
        this.firstWaiters = this.firstWaiters.filter((entry) => entry !== wake)
        resolve(this.subscribedOnce)
      }
      // Woken (the wait is over already), or the clock stopped: an order entry waits no longer
      this.deps.clock.sleep(this.settings.firstSubscribeWaitMs, tick.signal).then(waited, () => {
        if (!tick.signal.aborted) waited()
      })
    })
  }

  private wakeFirstWaiters(): void {
    for (const wake of this.firstWaiters.splice(0)) wake()
  }
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error === 'string') return error
  try {
    return JSON.stringify(error) ?? String(error)
  } catch {
    return String(error)
  }
}
