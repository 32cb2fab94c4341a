import { clientOrderId } from '../port/identifiers'
import type { OrderListReport } from '../port/order-list-report'
import type { OrderStatusReport } from '../port/order-report'
import type { ListStatusEvent } from '../port/user-event'
import { parseOrderStatusReport } from './parse-order-status-report'
import { integerField, integerText, rawArray, rawObject, textField, type RawObject } from './raw-fields'

/** One leg as an order list names it: its symbol and exchange id. */
export interface ListLegRef {
  readonly symbol: string
  readonly orderId: string
}

/** Returns the legs an order list names (`orders` in REST answers, `O` in a listStatus event). */
export function listLegRefs(raw: unknown): readonly ListLegRef[] {
  const source = rawObject(raw, 'order list')
  const restLegs = source['orders']
  const legs = restLegs !== undefined ? rawArray(restLegs, 'order list.orders') : rawArray(source['O'], 'listStatus.O')
  // A leg trades the list's symbol; Binance repeats it on each leg
  const listSymbol = textField(source, restLegs !== undefined ? 'symbol' : 's', 'order list')
  return legs.map((entry, index) => {
    const leg = rawObject(entry, `order list leg ${index}`)
    const symbol = leg['symbol'] ?? leg['s']
    return { symbol: typeof symbol === 'string' && symbol !== '' ? symbol : listSymbol, orderId: integerText(leg, restLegs !== undefined ? 'orderId' : 'i', 'order list leg') }
  })
}

/**
 * Parses an order list from a REST answer (`orderList/oco`, `DELETE orderList`, `openOrderList`).
 * Its legs are the answer's `orderReports` when it has them (placement and cancel answers);
 * queries carry none, so the caller passes the legs it fetched (`knownLegs`), kept in the list's
 * own order. Statuses and the contingency type are kept as sent.
 */
export function parseOrderListReport(raw: unknown, knownLegs: readonly OrderStatusReport[] = []): OrderListReport {
  const what = 'order list'
  const source = rawObject(raw, what)
  const reports = source['orderReports']
  return {
    symbol: textField(source, 'symbol', what),
    orderListId: integerText(source, 'orderListId', what),
    listClientOrderId: clientOrderId(textField(source, 'listClientOrderId', what)),
    contingencyType: textField(source, 'contingencyType', what),
    listStatusType: textField(source, 'listStatusType', what),
    listOrderStatus: textField(source, 'listOrderStatus', what),
    orders: reports !== undefined ? rawArray(reports, 'order list.orderReports').map(parseOrderStatusReport) : legsInOrder(raw, knownLegs),
    updatedAtMs: integerField(source, 'transactionTime', what)
  }
}

/**
 * Parses a `listStatus` user-data event. The event names its legs only, so their reports come
 * from `legReport` (the latest executionReport seen of each leg); a leg never seen is left out.
 */
export function parseListStatusEvent(raw: unknown, legReport: (orderId: string) => OrderStatusReport | undefined): ListStatusEvent {
  const what = 'listStatus'
  const source: RawObject = rawObject(raw, what)
  const orders = listLegRefs(raw).flatMap((leg) => {
    const report = legReport(leg.orderId)
    return report === undefined ? [] : [report]
  })
  return {
    type: 'list-status',
    list: {
      symbol: textField(source, 's', what),
      orderListId: integerText(source, 'g', what),
      listClientOrderId: clientOrderId(textField(source, 'C', what)),
      contingencyType: textField(source, 'c', what),
      listStatusType: textField(source, 'l', what),
      listOrderStatus: textField(source, 'L', what),
      orders,
      updatedAtMs: integerField(source, 'T', what)
    },
    eventTimeMs: integerField(source, 'E', what)
  }
}

function legsInOrder(raw: unknown, knownLegs: readonly OrderStatusReport[]): OrderStatusReport[] {
  return listLegRefs(raw).flatMap((leg) => {
    const report = knownLegs.find((candidate) => candidate.orderId === leg.orderId)
    return report === undefined ? [] : [report]
  })
}
