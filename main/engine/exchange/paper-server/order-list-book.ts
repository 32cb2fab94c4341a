import type { OrderListReport } from '../port/order-list-report'

/** One order list the server has seen: its ids, its legs, and when it was placed. */
export interface ListRecord {
  readonly symbol: string
  readonly orderListId: string
  readonly listClientOrderId: string
  readonly contingencyType: string
  readonly legs: readonly { readonly orderId: string; readonly clientOrderId: string }[]
  readonly transactionTimeMs: number
}

/**
 * Every order list of the paper account, kept by the server because the simulator only lists the
 * executing ones: fed by placement responses and by list-status events, so lists placed on the
 * simulator directly are known too. A list's status is read from its legs when asked.
 */
export class OrderListBook {
  private readonly byId = new Map<string, ListRecord>()
  private readonly latestByClientId = new Map<string, ListRecord>()

  /** Records a list the first time it is seen. */
  record(report: OrderListReport, transactionTimeMs: number): ListRecord {
    const known = this.byId.get(report.orderListId)
    if (known !== undefined) return known
    const record: ListRecord = {
      symbol: report.symbol,
      orderListId: report.orderListId,
      listClientOrderId: report.listClientOrderId,
      contingencyType: report.contingencyType,
      legs: report.orders.map((order) => ({ orderId: order.orderId, clientOrderId: order.clientOrderId })),
      transactionTimeMs
    }
    this.byId.set(record.orderListId, record)
    this.latestByClientId.set(record.listClientOrderId, record)
    return record
  }

  /** Returns a list by its id. */
  find(orderListId: string): ListRecord | undefined {
    return this.byId.get(orderListId)
  }

  /** Returns the latest list with a list client order id. */
  findByClientId(listClientOrderId: string): ListRecord | undefined {
    return this.latestByClientId.get(listClientOrderId)
  }

  /** Returns every list, oldest first. */
  all(): ListRecord[] {
    return [...this.byId.values()].sort((a, b) => Number(a.orderListId) - Number(b.orderListId))
  }
}
