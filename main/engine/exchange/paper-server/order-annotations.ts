import type { Decimal } from '@shared/money/decimal'

/**
 * What the wire reports of an order need beyond the simulator's report: the client order id of
 * the request that cancelled it (Binance's `clientOrderId` of a cancel and `c` of its
 * executionReport), and the quoteOrderQty it was placed with.
 */
export class OrderAnnotations {
  private readonly cancelIds = new Map<string, string>()
  private readonly quoteQuantities = new Map<string, Decimal>()

  /** Records the id of the request cancelling an order, before the cancel is applied. */
  setCancelId(orderId: string, cancelClientOrderId: string): void {
    this.cancelIds.set(orderId, cancelClientOrderId)
  }

  /** Returns the id of the request that cancelled an order, if the server saw it. */
  cancelId(orderId: string): string | undefined {
    return this.cancelIds.get(orderId)
  }

  /** Records the quoteOrderQty of a MARKET order. */
  setQuoteOrderQty(orderId: string, quantity: Decimal): void {
    this.quoteQuantities.set(orderId, quantity)
  }

  /** Returns the quoteOrderQty an order was placed with, if any. */
  quoteOrderQty(orderId: string): Decimal | undefined {
    return this.quoteQuantities.get(orderId)
  }
}
