import { describe, expect, it } from 'vitest'
import orders from './fixtures/orders.json'
import { parseOrderStatusReport } from './parse-order-status-report'

const text = (value: { toFixed(): string } | undefined) => value?.toFixed()

describe('parseOrderStatusReport', () => {
  it('reads a FULL placement of a resting LIMIT order, with no fills', () => {
    const report = parseOrderStatusReport(orders.placeLimitNew)
    expect(report).toMatchObject({ symbol: 'BTCUSDT', orderId: '1', clientOrderId: 'b1-L3-B-1', side: 'BUY', type: 'LIMIT', status: 'NEW', timeInForce: 'GTC', createdAtMs: 1795893074779, updatedAtMs: 1795893074779, fills: [] })
    expect([text(report.price), text(report.origQty), text(report.executedQty), text(report.cumulativeQuoteQty)]).toEqual(['99', '0.5', '0', '0'])
    expect(report.stopPrice).toBeUndefined()
    expect(report.orderListId).toBeUndefined()
  })

  it('reads a FULL placement of a MARKET order with its trades: taker fills at the transaction time, exact quote quantities', () => {
    const report = parseOrderStatusReport(orders.placeMarketFilled)
    expect(report.status).toBe('FILLED')
    expect(report.fills?.map((fill) => [fill.tradeId, fill.clientOrderId, fill.side, text(fill.price), text(fill.quantity), text(fill.quoteQuantity), text(fill.commission), fill.commissionAsset, fill.isMaker, fill.timeMs])).toEqual([
      ['7', 'b1-acq-1', 'BUY', '100', '0.1', '10', '0.0001', 'BTC', false, 1795893074785],
      ['8', 'b1-acq-1', 'BUY', '100.01', '0.05', '5.0005', '0.00005', 'BTC', false, 1795893074785]
    ])
  })

  it('reads a query: creation and update times, partial fill', () => {
    const report = parseOrderStatusReport(orders.queryPartiallyFilled)
    expect(report).toMatchObject({ status: 'PARTIALLY_FILLED', createdAtMs: 1795893074779, updatedAtMs: 1795893074793 })
    expect(text(report.executedQty)).toBe('0.2')
    expect(report.fills).toBeUndefined()
  })

  it('keeps the stop price, the order list and the expiry reason, and ignores fields it does not know', () => {
    const report = parseOrderStatusReport(orders.queryStopLegExpired)
    expect(report).toMatchObject({ type: 'STOP_LOSS_LIMIT', status: 'EXPIRED', orderListId: '1', expiryReason: 'OCO_TRIGGER' })
    expect(text(report.stopPrice)).toBe('90')
  })

  it('reads the quantity self-trade prevention took out of the book, and leaves it out when it took none', () => {
    const prevented = parseOrderStatusReport({ ...orders.queryPartiallyFilled, preventedQuantity: '0.10000000' })
    expect(text(prevented.preventedQuantity)).toBe('0.1')
    expect(parseOrderStatusReport({ ...orders.queryPartiallyFilled, preventedQuantity: '0.00000000' }).preventedQuantity).toBeUndefined()
  })

  it('names a cancelled order by its own client id, not the cancel request’s', () => {
    const report = parseOrderStatusReport(orders.cancelResponse)
    expect(report).toMatchObject({ clientOrderId: 'b1-L2-B-1', status: 'CANCELED', createdAtMs: 1795893074849, updatedAtMs: 1795893074849 })
  })

  it('leaves out a time in force the port does not know (GTD)', () => {
    expect(parseOrderStatusReport(orders.unknownTimeInForce).timeInForce).toBeUndefined()
  })

  it('refuses a status or an order type the port cannot represent, and an ACK without a status, naming why', () => {
    expect(() => parseOrderStatusReport(orders.unknownStatus)).toThrow(expect.objectContaining({ name: 'BinancePayloadError', message: expect.stringContaining('PENDING_AMEND') }))
    expect(() => parseOrderStatusReport(orders.unknownType)).toThrow(expect.objectContaining({ name: 'BinancePayloadError', message: expect.stringContaining('PEGGED_LIMIT') }))
    expect(() => parseOrderStatusReport(orders.ackOnly)).toThrow(expect.objectContaining({ name: 'BinancePayloadError' }))
    expect(() => parseOrderStatusReport('not an order')).toThrow(expect.objectContaining({ name: 'BinancePayloadError' }))
  })
})
