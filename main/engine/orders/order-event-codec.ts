import { Decimal } from '@shared/money/decimal'
import { tradeId, venueOrderId } from '../exchange/port/identifiers'
import type { OrderEvent } from './order-event'

/** Returns the key under which an event is stored once per order (a replayed event has the same key). */
export function dedupeKeyOf(event: OrderEvent): string {
  switch (event.type) {
    case 'OrderFilled':
      return `trade:${event.tradeId}`
    case 'OrderSubmitted':
      return 'submitted'
    case 'OrderAccepted':
      return 'accepted'
    case 'OrderRejected':
      return 'rejected'
    case 'OrderCanceled':
      return 'canceled'
    case 'OrderExpired':
      return 'expired'
    case 'OrderPrevented':
      return `prevented:${event.quantity.toFixed()}`
  }
}

/** Encodes an event as JSON text with every decimal as an exact string. */
export function encodeOrderEvent(event: OrderEvent): string {
  return JSON.stringify(event, (_key, value: unknown) => (Decimal.isDecimal(value) ? (value as Decimal).toFixed() : value))
}

/** Decodes an event encoded by encodeOrderEvent; throws on anything else. */
export function decodeOrderEvent(text: string): OrderEvent {
  const raw = JSON.parse(text) as Record<string, unknown>
  const atMs = Number(raw['atMs'])
  switch (raw['type']) {
    case 'OrderSubmitted':
      return { type: 'OrderSubmitted', atMs }
    case 'OrderAccepted':
      return { type: 'OrderAccepted', venueOrderId: venueOrderId(String(raw['venueOrderId'])), atMs }
    case 'OrderRejected':
      return { type: 'OrderRejected', reason: String(raw['reason']), atMs }
    case 'OrderCanceled':
      return { type: 'OrderCanceled', atMs }
    case 'OrderExpired':
      return { type: 'OrderExpired', reason: String(raw['reason']), atMs }
    case 'OrderPrevented':
      return { type: 'OrderPrevented', quantity: new Decimal(String(raw['quantity'])), atMs }
    case 'OrderFilled':
      return {
        type: 'OrderFilled',
        tradeId: tradeId(String(raw['tradeId'])),
        venueOrderId: venueOrderId(String(raw['venueOrderId'])),
        price: new Decimal(String(raw['price'])),
        quantity: new Decimal(String(raw['quantity'])),
        commission: new Decimal(String(raw['commission'])),
        commissionAsset: String(raw['commissionAsset']),
        isMaker: raw['isMaker'] === true,
        atMs
      }
    default:
      throw new Error(`not an order event: ${text.slice(0, 80)}`)
  }
}
