import { FINAL_STATUSES, type OrderStatusReport } from '../port/order-report'
import type { ListRecord } from './order-list-book'

type Json = Record<string, unknown>

/**
 * Returns an order list as Binance's list-status object, its status read from its legs now
 * (EXEC_STARTED/EXECUTING while a leg is open, ALL_DONE/ALL_DONE after), with `orderReports`
 * when given (placement and cancel responses carry them; queries do not).
 */
export function orderListJson(record: ListRecord, legs: readonly OrderStatusReport[], orderReports?: readonly Json[]): Json {
  const executing = legs.some((leg) => !FINAL_STATUSES.has(leg.status))
  return {
    orderListId: Number(record.orderListId),
    contingencyType: record.contingencyType,
    listStatusType: executing ? 'EXEC_STARTED' : 'ALL_DONE',
    listOrderStatus: executing ? 'EXECUTING' : 'ALL_DONE',
    listClientOrderId: record.listClientOrderId,
    transactionTime: record.transactionTimeMs,
    symbol: record.symbol,
    orders: record.legs.map((leg) => ({ symbol: record.symbol, orderId: Number(leg.orderId), clientOrderId: leg.clientOrderId })),
    ...(orderReports !== undefined ? { orderReports: [...orderReports] } : {})
  }
}
