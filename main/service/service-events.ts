import type { ApiEvents, Unsubscribe } from '@shared/api'

/** Hands the service's events to every listener (the window, each `serve` client). */
export class ServiceEvents {
  private readonly listeners = new Set<<Event extends keyof ApiEvents>(event: Event, payload: ApiEvents[Event]) => void>()

  /** Calls `listener` with every event until the returned function is called. */
  listen(listener: <Event extends keyof ApiEvents>(event: Event, payload: ApiEvents[Event]) => void): Unsubscribe {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Sends one event to every listener; a failing listener does not stop the others. */
  emit<Event extends keyof ApiEvents>(event: Event, payload: ApiEvents[Event]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload)
      } catch {
        // A listener's transport is gone (a closed socket); it unsubscribes itself when it notices
      }
    }
  }
}
