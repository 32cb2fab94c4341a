import type { Unsubscribe } from '../port/exchange'
import type { UserEvent } from '../port/user-event'
import type { PaperContext } from './paper-context'
import { ExecutionIdSequence, userDataEvent } from './user-data-events'

/** A wire user-data event (executionReport, outboundAccountPosition, listStatus, …). */
export type WireUserEvent = Readonly<Record<string, unknown>>

/**
 * Listens to the simulator's user events once for the whole server: keeps the server's books in
 * step (order lists, the unfilled-order count lowered by a first fill), maps each event to its
 * wire form once, and hands it to every user-data subscription.
 */
export class UserDataFanout {
  private listeners: ((event: WireUserEvent) => void)[] = []
  private readonly executionIds = new ExecutionIdSequence()
  private readonly stop: Unsubscribe

  constructor(private readonly context: PaperContext) {
    this.stop = context.exchange.subscribeUserEvents((event) => this.onEvent(event))
  }

  /** Adds a subscriber of wire events until the returned function is called. */
  subscribe(listener: (event: WireUserEvent) => void): Unsubscribe {
    this.listeners = [...this.listeners, listener]
    return () => {
      this.listeners = this.listeners.filter((entry) => entry !== listener)
    }
  }

  /** Stops listening to the simulator. */
  close(): void {
    this.stop()
    this.listeners = []
  }

  private onEvent(event: UserEvent): void {
    if (event.type === 'list-status') this.context.lists.record(event.list, event.eventTimeMs)
    if (event.type === 'execution' && event.fill !== undefined && event.report.executedQty.eq(event.fill.quantity)) this.context.limiter.firstFill()
    if (event.type === 'execution' && event.executionType === 'CANCELED') {
      // Cancelled by someone else (the website, the person trading by hand): their request's id goes in `c`
      const cancelId = this.context.exchange.world.externalCancelId(event.report.orderId)
      if (cancelId !== undefined) this.context.annotations.setCancelId(event.report.orderId, cancelId)
    }
    const wire = userDataEvent(event, this.context, this.executionIds)
    if (wire === undefined) return
    for (const listener of this.listeners) listener(wire)
  }
}
