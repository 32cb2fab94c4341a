import { FINAL_STATUSES, type OrderStatusReport } from '../port/order-report'

/**
 * The orders the adapter last saw open, fed by every report that passes through it (answers,
 * queries, open-order lists, user-data events). The user stream's idle watchdog asks it whether
 * silence is suspicious: with nothing open, a quiet stream is just a quiet account.
 */
export class OpenOrderWatch {
  private readonly open = new Map<string, string>()

  /** Notes one order's latest state. */
  see(report: OrderStatusReport): void {
    if (FINAL_STATUSES.has(report.status)) this.open.delete(report.orderId)
    else this.open.set(report.orderId, report.symbol)
  }

  /** Replaces what is known open on a symbol with the exchange's own list. */
  replaceSymbol(symbol: string, reports: readonly OrderStatusReport[]): void {
    for (const [orderId, owner] of this.open) if (owner === symbol) this.open.delete(orderId)
    for (const report of reports) this.see(report)
  }

  /** Returns true when any order is believed open. */
  hasOpenOrders(): boolean {
    return this.open.size > 0
  }

  /** Returns how many orders are believed open. */
  count(): number {
    return this.open.size
  }
}
