import type { ClientOrderId } from '../port/identifiers'
import type { OrderListReport } from '../port/order-list-report'
import { orderReport, type SimOrder } from './sim-order'

/** One OCO list inside the simulator. */
export interface SimOrderList {
  readonly symbol: string
  readonly orderListId: string
  readonly listClientOrderId: ClientOrderId
  /** Above leg first, then below leg. */
  readonly legs: readonly [SimOrder, SimOrder]
  listStatusType: 'EXEC_STARTED' | 'ALL_DONE'
  listOrderStatus: 'EXECUTING' | 'ALL_DONE'
  updatedAtMs: number
}

/** Returns true while the list is executing. */
export function isListOpen(list: SimOrderList): boolean {
  return list.listOrderStatus === 'EXECUTING'
}

/** Marks the list done. */
export function finishList(list: SimOrderList, nowMs: number): void {
  list.listStatusType = 'ALL_DONE'
  list.listOrderStatus = 'ALL_DONE'
  list.updatedAtMs = nowMs
}

/** Returns the list as the exchange would report it now, with its legs' current states. */
export function orderListReport(list: SimOrderList): OrderListReport {
  return {
    symbol: list.symbol,
    orderListId: list.orderListId,
    listClientOrderId: list.listClientOrderId,
    contingencyType: 'OCO',
    listStatusType: list.listStatusType,
    listOrderStatus: list.listOrderStatus,
    orders: list.legs.map(orderReport),
    updatedAtMs: list.updatedAtMs
  }
}
