import { describe, expect, it } from 'vitest'
import events from './fixtures/user-events.json'
import lists from './fixtures/order-lists.json'
import { parseExecutionEvent } from './parse-execution-event'
import { parseOrderListReport } from './parse-order-list-report'
import { parseUserEvent } from './parse-user-event'

const noLegs = () => undefined

describe('parseExecutionEvent', () => {
  it('reads NEW: the order’s state, no fill', () => {
    const event = parseExecutionEvent(events.new)
    expect(event).toMatchObject({ type: 'execution', executionType: 'NEW', eventTimeMs: 1795893074779, report: { orderId: '1', clientOrderId: 'b1-L3-B-1', status: 'NEW', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC' } })
    expect(event.fill).toBeUndefined()
    expect(event.report.stopPrice).toBeUndefined()
  })

  it('reads TRADE: the order after the trade and the trade itself, maker flag and commission included', () => {
    const event = parseExecutionEvent(events.partialTrade)
    expect(event.report.status).toBe('PARTIALLY_FILLED')
    expect(event.report.executedQty.toFixed()).toBe('0.2')
    const fill = event.fill
    expect(fill && [fill.tradeId, fill.orderId, fill.clientOrderId, fill.side, fill.price.toFixed(), fill.quantity.toFixed(), fill.quoteQuantity.toFixed(), fill.commission.toFixed(), fill.commissionAsset, fill.isMaker, fill.timeMs]).toEqual([
      '2', '1', 'b1-L3-B-1', 'BUY', '99', '0.2', '19.8', '0.0002', 'BTC', true, 1795893074793
    ])
  })

  it('reads what self-trade prevention took out of the book in all (A) from a TRADE_PREVENTION report', () => {
    const event = parseExecutionEvent({ ...events.new, x: 'TRADE_PREVENTION', A: '0.10000000', B: '0.10000000' })
    expect(event.report.preventedQuantity?.toFixed()).toBe('0.1')
    expect(parseExecutionEvent(events.new).report.preventedQuantity).toBeUndefined()
  })

  it('names a cancelled order by its own id (C), not the cancel request’s (c)', () => {
    expect(parseExecutionEvent(events.cancelled).report).toMatchObject({ clientOrderId: 'b1-L3-B-1', status: 'CANCELED' })
  })

  it('keeps an OCO leg’s list id, stop price and expiry reason', () => {
    const event = parseExecutionEvent(events.ocoLegExpired)
    expect(event.report).toMatchObject({ orderListId: '1', expiryReason: 'OCO_TRIGGER', status: 'EXPIRED', type: 'STOP_LOSS_LIMIT' })
    expect(event.report.stopPrice?.toFixed()).toBe('90')
  })

  it('reads an unknown execution type as TRADE when it carries a trade, else as REPLACED, so no fill is lost', () => {
    const traded = parseExecutionEvent(events.unknownExecutionTypeWithTrade)
    expect(traded.executionType).toBe('TRADE')
    expect(traded.fill?.tradeId).toBe('4')
    const changed = parseExecutionEvent(events.unknownExecutionTypeNoTrade)
    expect(changed.executionType).toBe('REPLACED')
    expect(changed.fill).toBeUndefined()
  })

  it('refuses an order status the port cannot represent', () => {
    expect(() => parseExecutionEvent(events.unknownStatus)).toThrow(expect.objectContaining({ name: 'BinancePayloadError', message: expect.stringContaining('PENDING_AMEND') }))
  })
})

describe('parseUserEvent', () => {
  it('turns order, balance and list events into port events', () => {
    expect(parseUserEvent(events.new, noLegs)).toMatchObject({ kind: 'event', event: { type: 'execution' } })
    expect(parseUserEvent(events.balances, noLegs)).toMatchObject({ kind: 'event', event: { type: 'balances' } })
  })

  it('fills a listStatus event’s legs from the latest reports seen, leaving out legs never seen', () => {
    const placed = parseOrderListReport(lists.placed)
    const known = new Map(placed.orders.slice(0, 1).map((order) => [order.orderId as string, order]))
    const frame = parseUserEvent(events.listStatus, (orderId) => known.get(orderId))
    expect(frame).toMatchObject({ kind: 'event', event: { type: 'list-status', eventTimeMs: 1795893074855, list: { orderListId: '1', listClientOrderId: 'b1-oco-1', contingencyType: 'OCO', listStatusType: 'EXEC_STARTED', listOrderStatus: 'EXECUTING', updatedAtMs: 1795893074854 } } })
    expect(frame.kind === 'event' && frame.event.type === 'list-status' ? frame.event.list.orders.map((order) => order.clientOrderId) : []).toEqual(['b1-oco-1-tp'])
  })

  it('signals serverShutdown and eventStreamTerminated, and ignores deposits, external locks and event types it does not know', () => {
    expect(parseUserEvent(events.serverShutdown, noLegs)).toEqual({ kind: 'control', control: 'server-shutdown' })
    expect(parseUserEvent(events.eventStreamTerminated, noLegs)).toEqual({ kind: 'control', control: 'stream-terminated' })
    expect(parseUserEvent(events.balanceUpdate, noLegs)).toEqual({ kind: 'ignored', eventType: 'balanceUpdate' })
    expect(parseUserEvent(events.externalLockUpdate, noLegs)).toEqual({ kind: 'ignored', eventType: 'externalLockUpdate' })
    expect(parseUserEvent(events.fromTheFuture, noLegs)).toEqual({ kind: 'ignored', eventType: 'accountRiskUpdate' })
    expect(parseUserEvent({}, noLegs)).toEqual({ kind: 'ignored', eventType: '(no event type)' })
  })
})
