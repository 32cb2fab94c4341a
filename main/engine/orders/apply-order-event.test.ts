import { describe, expect, it } from 'vitest'
import { venueOrderId } from '../exchange/port/identifiers'
import type { Order } from './order'
import type { OrderEvent } from './order-event'
import { applyOrderEvent, initialOrder } from './apply-order-event'
import { filled, orderCommand } from './stubs'

const accepted: OrderEvent = { type: 'OrderAccepted', venueOrderId: venueOrderId('1000'), atMs: 2 }
const submitted: OrderEvent = { type: 'OrderSubmitted', atMs: 1 }

/** Applies events in turn; fails the test on the first error. */
function fold(events: readonly OrderEvent[], order: Order = initialOrder(orderCommand(), 0)): Order {
  return events.reduce((current, event) => {
    const result = applyOrderEvent(current, event)
    if (!result.ok) throw result.error
    return result.value
  }, order)
}

describe('applyOrderEvent', () => {
  it('walks the normal life of an order: submitted, accepted, partly filled, filled', () => {
    const partly = fold([submitted, accepted, filled('1', '0.4')])
    expect([partly.status, partly.filledQuantity.toFixed()]).toEqual(['PARTIALLY_FILLED', '0.4'])
    const done = fold([filled('2', '0.6', { price: filled('2', '0').price.add(1) })], partly)
    expect([done.status, done.filledQuantity.toFixed(), done.filledQuote.toFixed()]).toEqual(['FILLED', '1', '100.6'])
    expect(done.venueOrderId).toBe('1000')
    expect(done.events).toHaveLength(4)
  })

  it('accepts a fill reported before the placement response', () => {
    expect(fold([submitted, filled('1', '1')]).status).toBe('FILLED')
  })

  it('keeps a cancelled order cancelled when a late fill arrives, and counts the fill', () => {
    const order = fold([submitted, accepted, { type: 'OrderCanceled', atMs: 3 }, filled('9', '0.3')])
    expect([order.status, order.filledQuantity.toFixed()]).toEqual(['CANCELED', '0.3'])
  })

  it('ignores a repeated NEW after a fill without moving the status back', () => {
    expect(fold([submitted, accepted, filled('1', '1'), accepted]).status).toBe('FILLED')
  })

  it('refuses a trade id it has already applied, leaving the order as it was', () => {
    const order = fold([submitted, accepted, filled('1', '0.5')])
    const again = applyOrderEvent(order, filled('1', '0.5'))
    expect(again.ok).toBe(false)
    if (!again.ok) expect(again.error.problem).toBe('duplicate-trade')
  })

  it('refuses a fill beyond the order quantity', () => {
    const result = applyOrderEvent(fold([submitted, accepted]), filled('1', '1.5'))
    expect(result.ok ? 'applied' : result.error.problem).toBe('overfill')
  })

  it('refuses transitions the table does not have', () => {
    const rejected = fold([submitted, { type: 'OrderRejected', reason: 'insufficient balance', atMs: 2 }])
    const result = applyOrderEvent(rejected, filled('1', '1'))
    expect(result.ok ? 'applied' : result.error.message).toBe('gk-1-L3B-1: OrderFilled does not apply to a REJECTED order')
    const filledOrder = fold([submitted, accepted, filled('1', '1')])
    expect(applyOrderEvent(filledOrder, { type: 'OrderCanceled', atMs: 5 }).ok).toBe(false)
  })

  it('refuses an event that names another exchange order', () => {
    const result = applyOrderEvent(fold([submitted, accepted]), filled('1', '0.1', { venueOrderId: venueOrderId('2000') }))
    expect(result.ok ? 'applied' : result.error.problem).toBe('wrong-order')
  })
})
