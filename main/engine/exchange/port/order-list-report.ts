import type { ClientOrderId } from './identifiers'
import type { OrderStatusReport } from './order-report'

/** Status of an order list as the exchange reports it. */
export interface OrderListReport {
  readonly symbol: string
  readonly orderListId: string
  readonly listClientOrderId: ClientOrderId
  readonly contingencyType: string
  /** RESPONSE, EXEC_STARTED, UPDATED or ALL_DONE. */
  readonly listStatusType: string
  /** EXECUTING, ALL_DONE or REJECT. */
  readonly listOrderStatus: string
  readonly orders: readonly OrderStatusReport[]
  readonly updatedAtMs: number
}
