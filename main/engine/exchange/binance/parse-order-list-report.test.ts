import { describe, expect, it } from 'vitest'
import lists from './fixtures/order-lists.json'
import orders from './fixtures/orders.json'
import { listLegRefs, parseOrderListReport } from './parse-order-list-report'
import { parseOrderStatusReport } from './parse-order-status-report'

describe('parseOrderListReport', () => {
  it('reads a placed OCO with both legs from its orderReports', () => {
    const list = parseOrderListReport(lists.placed)
    expect(list).toMatchObject({ symbol: 'BTCUSDT', orderListId: '1', listClientOrderId: 'b1-oco-1', contingencyType: 'OCO', listStatusType: 'EXEC_STARTED', listOrderStatus: 'EXECUTING', updatedAtMs: 1795893074854 })
    expect(list.orders.map((leg) => [leg.clientOrderId, leg.type, leg.status, leg.price.toFixed(), leg.stopPrice?.toFixed()])).toEqual([
      ['b1-oco-1-tp', 'LIMIT_MAKER', 'NEW', '110', undefined],
      ['b1-oco-1-sl', 'STOP_LOSS_LIMIT', 'NEW', '89', '90']
    ])
  })

  it('reads a cancelled list’s legs by their own client ids', () => {
    const list = parseOrderListReport(lists.cancelled)
    expect(list.listOrderStatus).toBe('ALL_DONE')
    expect(list.orders.map((leg) => `${leg.clientOrderId} ${leg.status}`)).toEqual(['b1-oco-1-tp CANCELED', 'b1-oco-1-sl CANCELED'])
  })

  it('takes a queried list’s legs from the reports the caller fetched, in the list’s order', () => {
    const [open] = lists.open
    expect(listLegRefs(open)).toEqual([
      { symbol: 'BTCUSDT', orderId: '4' },
      { symbol: 'BTCUSDT', orderId: '5' }
    ])
    const stopLeg = parseOrderStatusReport(orders.queryStopLegExpired)
    const limitLeg = parseOrderListReport(lists.placed).orders[0]
    const list = parseOrderListReport(open, [stopLeg, ...(limitLeg ? [limitLeg] : [])])
    expect(list.orders.map((leg) => leg.orderId)).toEqual(['4', '5'])
    expect(parseOrderListReport(open).orders).toEqual([])
  })
})
