import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { venueOrderId } from '../exchange/port/identifiers'
import type { OrderEvent } from './order-event'
import { decodeOrderEvent, dedupeKeyOf, encodeOrderEvent } from './order-event-codec'
import { filled } from './stubs'

describe('order event codec', () => {
  it.each<OrderEvent>([
    { type: 'OrderSubmitted', atMs: 1 },
    { type: 'OrderAccepted', venueOrderId: venueOrderId('42'), atMs: 2 },
    { type: 'OrderRejected', reason: '-2010 Account has insufficient balance for requested action.', atMs: 3 },
    { type: 'OrderCanceled', atMs: 4 },
    { type: 'OrderExpired', reason: 'OCO_TRIGGER', atMs: 5 },
    { type: 'OrderPrevented', quantity: new Decimal('0.00012345'), atMs: 6 },
    filled('77', '0.00012345', { commission: filled('1', '0').price.div(3) })
  ])('round-trips $type exactly', (event) => {
    const text = encodeOrderEvent(event)
    expect(text).not.toMatch(/e[+-]\d/)
    expect(encodeOrderEvent(decodeOrderEvent(text))).toBe(text)
  })

  it('keys a fill by its trade and every other event by its kind', () => {
    expect(dedupeKeyOf(filled('77', '1'))).toBe('trade:77')
    expect(dedupeKeyOf({ type: 'OrderCanceled', atMs: 1 })).toBe('canceled')
    // The prevented quantity is reported in all: each new total is a new event, a repeat is the same
    expect(dedupeKeyOf({ type: 'OrderPrevented', quantity: new Decimal('0.001'), atMs: 1 })).toBe('prevented:0.001')
  })

  it('refuses text that is not an order event', () => {
    expect(() => decodeOrderEvent('{"type":"Nope"}')).toThrow('not an order event')
  })
})
