import type { Unsubscribe } from '../port/exchange'
import type { TradeTick } from '../port/market-event'

/**
 * Public trades per symbol for subscribers, delivered on the next turn of the event loop in the
 * order they printed, so a subscriber that reacts with an order never runs inside the matching.
 */
export class TradeFeed {
  private readonly listeners = new Map<string, ((tick: TradeTick) => void)[]>()
  private queue: TradeTick[] = []
  private scheduled = false

  /** Adds a listener for one symbol until the returned function is called. */
  subscribe(symbol: string, listener: (tick: TradeTick) => void): Unsubscribe {
    this.listeners.set(symbol, [...(this.listeners.get(symbol) ?? []), listener])
    return () => {
      this.listeners.set(
        symbol,
        (this.listeners.get(symbol) ?? []).filter((entry) => entry !== listener)
      )
    }
  }

  /** Queues one trade for delivery. */
  publish(tick: TradeTick): void {
    if ((this.listeners.get(tick.symbol)?.length ?? 0) === 0) return
    this.queue.push(tick)
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      const ticks = this.queue
      this.queue = []
      for (const entry of ticks) for (const listener of this.listeners.get(entry.symbol) ?? []) listener(entry)
    })
  }
}
