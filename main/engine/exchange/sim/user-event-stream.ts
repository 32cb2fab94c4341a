import type { Clock } from '../../clock/clock'
import type { Unsubscribe } from '../port/exchange'
import type { UserEvent } from '../port/user-event'
import type { SimFaults } from './sim-faults'

interface QueuedEvent {
  readonly event: UserEvent
  readonly dueMs: number
}

/**
 * The simulated user-data stream. Events are queued and delivered later (on the next turn of the
 * event loop, never inside the call that caused them) and always in the order they were emitted.
 * Faults apply per event: dropped, duplicated, or delayed by clock time (a delayed event holds
 * back every later one, as on a real socket). The stream can fall silent without notice, or
 * disconnect (announced; events while down are lost) and reconnect (announced).
 */
export class UserEventStream {
  private listeners: ((event: UserEvent) => void)[] = []
  private queue: QueuedEvent[] = []
  private scheduled = false
  private waiting = false
  private connected = true
  private silenced = false

  constructor(
    private readonly clock: Clock,
    private readonly faults: SimFaults
  ) {}

  /** Adds a listener until the returned function is called. */
  subscribe(listener: (event: UserEvent) => void): Unsubscribe {
    this.listeners = [...this.listeners, listener]
    return () => {
      this.listeners = this.listeners.filter((entry) => entry !== listener)
    }
  }

  /** Queues an order, balance or list event, subject to the stream's state and faults. */
  emit(event: UserEvent): void {
    if (!this.connected) {
      this.faults.count('streamLostWhileDisconnected')
      return
    }
    if (this.silenced) {
      this.faults.count('streamSilenced')
      return
    }
    const fate = this.faults.streamFate()
    const nowMs = this.clock.nowMs()
    switch (fate.kind) {
      case 'drop':
        return
      case 'duplicate':
        this.push({ event, dueMs: nowMs })
        this.push({ event, dueMs: nowMs })
        return
      case 'delay':
        this.push({ event, dueMs: nowMs + fate.ms })
        return
      case 'deliver':
        this.push({ event, dueMs: nowMs })
        return
    }
  }

  /** Stops delivering events without any notice, until `restore`. */
  silence(): void {
    if (!this.silenced) this.faults.count('streamSilences')
    this.silenced = true
  }

  /** Delivers events again after `silence`; what was emitted meanwhile stays lost. */
  restore(): void {
    this.silenced = false
  }

  /** Announces a disconnect; events emitted until `reconnect` are lost. */
  disconnect(reason: string): void {
    if (!this.connected) return
    this.faults.count('streamDisconnects')
    this.push({ event: { type: 'stream', status: 'disconnected', reason, eventTimeMs: this.clock.nowMs() }, dueMs: this.clock.nowMs() })
    this.connected = false
    this.silenced = false
  }

  /** Announces that the stream is back; listeners should reconcile what they missed. */
  reconnect(reason: string): void {
    if (this.connected) return
    this.connected = true
    this.push({ event: { type: 'stream', status: 'connected', reason, eventTimeMs: this.clock.nowMs() }, dueMs: this.clock.nowMs() })
  }

  /** Returns true while the stream is connected (it may still be silenced). */
  isConnected(): boolean {
    return this.connected
  }

  /** Returns how many events wait for delivery. */
  pendingCount(): number {
    return this.queue.length
  }

  private push(entry: QueuedEvent): void {
    this.queue.push(entry)
    this.schedule()
  }

  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      this.pump()
    })
  }

  private pump(): void {
    for (;;) {
      const head = this.queue[0]
      if (head === undefined) return
      const waitMs = head.dueMs - this.clock.nowMs()
      if (waitMs > 0) {
        this.wakeAfter(waitMs)
        return
      }
      this.queue.shift()
      for (const listener of this.listeners) listener(head.event)
    }
  }

  private wakeAfter(waitMs: number): void {
    if (this.waiting) return
    this.waiting = true
    void this.clock.sleep(waitMs).then(() => {
      this.waiting = false
      this.schedule()
    })
  }
}
