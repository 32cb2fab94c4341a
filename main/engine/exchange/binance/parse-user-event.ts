import type { OrderStatusReport } from '../port/order-report'
import type { UserEvent } from '../port/user-event'
import { parseBalancesEvent } from './parse-balances-event'
import { parseExecutionEvent } from './parse-execution-event'
import { parseListStatusEvent } from './parse-order-list-report'
import { rawObject } from './raw-fields'

/** What one user-data frame means to the adapter. */
export type UserFrame =
  /** An order, balance or order-list event for the engine. */
  | { readonly kind: 'event'; readonly event: UserEvent }
  /** The server is going away (`serverShutdown`) or ended the subscription (`eventStreamTerminated`): reconnect. */
  | { readonly kind: 'control'; readonly control: 'server-shutdown' | 'stream-terminated' }
  /** An event the port has no form for (deposits, external locks, types Binance may add). */
  | { readonly kind: 'ignored'; readonly eventType: string }

/**
 * Parses one user-data event (the `event` of a `{subscriptionId, event}` frame): executionReport,
 * outboundAccountPosition and listStatus become port events; serverShutdown and
 * eventStreamTerminated are control signals; balanceUpdate, externalLockUpdate and unknown event
 * types are ignored (a balanceUpdate is followed by an outboundAccountPosition with the balances).
 * `legReport` supplies the latest report of an order-list leg for listStatus events.
 */
export function parseUserEvent(raw: unknown, legReport: (orderId: string) => OrderStatusReport | undefined): UserFrame {
  const source = rawObject(raw, 'user-data event')
  const eventType = typeof source['e'] === 'string' ? source['e'] : ''
  switch (eventType) {
    case 'executionReport':
      return { kind: 'event', event: parseExecutionEvent(source) }
    case 'outboundAccountPosition':
      return { kind: 'event', event: parseBalancesEvent(source) }
    case 'listStatus':
      return { kind: 'event', event: parseListStatusEvent(source, legReport) }
    case 'serverShutdown':
      return { kind: 'control', control: 'server-shutdown' }
    case 'eventStreamTerminated':
      return { kind: 'control', control: 'stream-terminated' }
    case 'balanceUpdate':
    case 'externalLockUpdate':
      return { kind: 'ignored', eventType }
    default:
      return { kind: 'ignored', eventType: eventType === '' ? '(no event type)' : eventType }
  }
}
