import { Decimal } from '@shared/money/decimal'
import type { FillReport, OrderStatusReport } from '../port/order-report'
import { STOP_TYPES } from '../sim/stop-trigger'
import type { OrderAnnotations } from './order-annotations'
import { wireDecimal } from './wire-decimal'

type Json = Record<string, unknown>

/** Binance's placement response types. */
export type ResponseType = 'ACK' | 'RESULT' | 'FULL'

/** What order JSON needs besides the report: the server's annotations and each symbol's STP mode. */
export interface OrderJsonContext {
  readonly annotations: OrderAnnotations
  readonly stpMode: (symbol: string) => string
}

const ZERO = new Decimal(0)

/**
 * Returns true when the order is (or was) working on the book. A stop is counted as working once
 * it traded: the simulator does not report its trigger, so a triggered stop-limit that rests
 * unfilled still shows as not working.
 */
export function isWorking(report: OrderStatusReport): boolean {
  return !STOP_TYPES.has(report.type) || report.executedQty.gt(0)
}

/** Returns an order as `GET /api/v3/order`, `openOrders` and `allOrders` show it. */
export function orderQueryJson(report: OrderStatusReport, context: OrderJsonContext): Json {
  const working = isWorking(report)
  return {
    symbol: report.symbol,
    orderId: Number(report.orderId),
    orderListId: listId(report),
    clientOrderId: report.clientOrderId,
    price: wireDecimal(report.price),
    origQty: wireDecimal(report.origQty),
    executedQty: wireDecimal(report.executedQty),
    cummulativeQuoteQty: wireDecimal(report.cumulativeQuoteQty),
    status: report.status,
    timeInForce: report.timeInForce ?? 'GTC',
    type: report.type,
    side: report.side,
    stopPrice: wireDecimal(report.stopPrice ?? ZERO),
    icebergQty: wireDecimal(ZERO),
    time: report.createdAtMs,
    updateTime: report.updatedAtMs,
    isWorking: working,
    workingTime: working ? report.createdAtMs : -1,
    origQuoteOrderQty: wireDecimal(context.annotations.quoteOrderQty(report.orderId) ?? ZERO),
    selfTradePreventionMode: context.stpMode(report.symbol),
    ...(report.preventedQuantity !== undefined ? { preventedQuantity: wireDecimal(report.preventedQuantity) } : {}),
    ...(report.expiryReason !== undefined ? { expiryReason: report.expiryReason } : {})
  }
}

/** Returns a placement response of the given type (ACK, RESULT, or FULL with the fills). */
export function orderResponseJson(
  report: OrderStatusReport,
  type: ResponseType,
  transactTimeMs: number,
  fills: readonly FillReport[],
  context: OrderJsonContext
): Json {
  const ack = {
    symbol: report.symbol,
    orderId: Number(report.orderId),
    orderListId: listId(report),
    clientOrderId: report.clientOrderId,
    transactTime: transactTimeMs
  }
  if (type === 'ACK') return ack
  const result: Json = {
    ...ack,
    price: wireDecimal(report.price),
    origQty: wireDecimal(report.origQty),
    executedQty: wireDecimal(report.executedQty),
    origQuoteOrderQty: wireDecimal(context.annotations.quoteOrderQty(report.orderId) ?? ZERO),
    cummulativeQuoteQty: wireDecimal(report.cumulativeQuoteQty),
    status: report.status,
    timeInForce: report.timeInForce ?? 'GTC',
    type: report.type,
    side: report.side,
    ...(report.stopPrice !== undefined ? { stopPrice: wireDecimal(report.stopPrice) } : {}),
    workingTime: isWorking(report) ? report.createdAtMs : -1,
    selfTradePreventionMode: context.stpMode(report.symbol),
    ...(report.preventedQuantity !== undefined ? { preventedQuantity: wireDecimal(report.preventedQuantity) } : {}),
    ...(report.expiryReason !== undefined ? { expiryReason: report.expiryReason } : {})
  }
  if (type === 'RESULT') return result
  return { ...result, fills: fills.map(fillJson) }
}

/** Returns the response of a cancel: `clientOrderId` is the cancel request's id, `origClientOrderId` the order's. */
export function cancelResponseJson(report: OrderStatusReport, cancelClientOrderId: string, transactTimeMs: number, context: OrderJsonContext): Json {
  return {
    symbol: report.symbol,
    origClientOrderId: report.clientOrderId,
    orderId: Number(report.orderId),
    orderListId: listId(report),
    clientOrderId: cancelClientOrderId,
    transactTime: transactTimeMs,
    price: wireDecimal(report.price),
    origQty: wireDecimal(report.origQty),
    executedQty: wireDecimal(report.executedQty),
    origQuoteOrderQty: wireDecimal(context.annotations.quoteOrderQty(report.orderId) ?? ZERO),
    cummulativeQuoteQty: wireDecimal(report.cumulativeQuoteQty),
    status: report.status,
    timeInForce: report.timeInForce ?? 'GTC',
    type: report.type,
    side: report.side,
    ...(report.stopPrice !== undefined ? { stopPrice: wireDecimal(report.stopPrice) } : {}),
    selfTradePreventionMode: context.stpMode(report.symbol)
  }
}

/** Returns one fill of a FULL response. */
export function fillJson(fill: FillReport): Json {
  return {
    price: wireDecimal(fill.price),
    qty: wireDecimal(fill.quantity),
    commission: wireDecimal(fill.commission),
    commissionAsset: fill.commissionAsset,
    tradeId: Number(fill.tradeId)
  }
}

function listId(report: OrderStatusReport): number {
  return report.orderListId === undefined ? -1 : Number(report.orderListId)
}
