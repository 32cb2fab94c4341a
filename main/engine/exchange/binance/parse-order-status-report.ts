import { clientOrderId, tradeId, venueOrderId } from '../port/identifiers'
import type { FillReport, OrderStatusReport } from '../port/order-report'
import { BinancePayloadError } from './binance-payload-error'
import { orderSideOf, orderStatusOf, orderTypeOf, timeInForceOf } from './parse-enums'
import { decimalField, integerText, optionalDecimal, optionalInteger, optionalText, rawArray, rawObject, textField, type RawObject } from './raw-fields'

const WHAT = 'order'

/**
 * Parses one order as any Binance Spot REST answer shows it: a query (`GET order`, `openOrders`,
 * `allOrders`), a placement response (RESULT or FULL, with its `fills`), a cancel response
 * (where `clientOrderId` is the cancel's own id and `origClientOrderId` the order's), or a leg in
 * an order list's `orderReports`. Unknown fields are ignored; an unknown status, type or side is a
 * BinancePayloadError, because the port cannot represent that order. A placement or cancel
 * response carries no creation time, so `createdAtMs` is its `transactTime` there (the time the
 * answer proves the order existed by).
 */
export function parseOrderStatusReport(raw: unknown): OrderStatusReport {
  const source = rawObject(raw, WHAT)
  const symbol = textField(source, 'symbol', WHAT)
  const orderId = venueOrderId(integerText(source, 'orderId', WHAT))
  const ownId = clientOrderId(optionalText(source, 'origClientOrderId') ?? textField(source, 'clientOrderId', WHAT))
  const side = orderSideOf(source['side'])
  if (side === undefined) throw new BinancePayloadError(`order ${orderId} has an unknown side ${String(source['side'])}`)
  const type = orderTypeOf(source['type'])
  if (type === undefined) throw new BinancePayloadError(`order ${orderId} has an order type the port does not know: ${String(source['type'])}`)
  const status = orderStatusOf(source['status'])
  if (status === undefined) throw new BinancePayloadError(`order ${orderId} has an order status the port does not know: ${String(source['status'])}`)
  const transactTimeMs = optionalInteger(source, 'transactTime', WHAT)
  const createdAtMs = optionalInteger(source, 'time', WHAT) ?? transactTimeMs
  const updatedAtMs = optionalInteger(source, 'updateTime', WHAT) ?? transactTimeMs
  if (createdAtMs === undefined || updatedAtMs === undefined) throw new BinancePayloadError(`order ${orderId} carries neither time/updateTime nor transactTime`)
  const stopPrice = optionalDecimal(source, 'stopPrice', WHAT)
  const timeInForce = timeInForceOf(source['timeInForce'])
  const listId = optionalInteger(source, 'orderListId', WHAT)
  const expiryReason = optionalText(source, 'expiryReason')
  // Present when self-trade prevention took part of the order out of the book
  const preventedQuantity = optionalDecimal(source, 'preventedQuantity', WHAT)
  const report: OrderStatusReport = {
    symbol,
    orderId,
    clientOrderId: ownId,
    side,
    type,
    status,
    price: decimalField(source, 'price', WHAT),
    // Binance shows "0.00000000" for orders without a stop price
    ...(stopPrice !== undefined && !stopPrice.isZero() ? { stopPrice } : {}),
    origQty: decimalField(source, 'origQty', WHAT),
    executedQty: decimalField(source, 'executedQty', WHAT),
    cumulativeQuoteQty: decimalField(source, 'cummulativeQuoteQty', WHAT),
    ...(timeInForce !== undefined ? { timeInForce } : {}),
    ...(listId !== undefined && listId >= 0 ? { orderListId: String(listId) } : {}),
    ...(expiryReason !== undefined ? { expiryReason } : {}),
    ...(preventedQuantity !== undefined && preventedQuantity.gt(0) ? { preventedQuantity } : {}),
    createdAtMs,
    updatedAtMs
  }
  if (source['fills'] === undefined) return report
  return { ...report, fills: placementFills(source, report, transactTimeMs ?? updatedAtMs) }
}

/**
 * Reads a FULL response's `fills`. They are the order's trades at placement, so it was the taker
 * in each; their quote quantity is price × quantity, which Binance does not repeat there.
 */
function placementFills(source: RawObject, report: OrderStatusReport, timeMs: number): FillReport[] {
  return rawArray(source['fills'], 'order.fills').map((entry, index) => {
    const fill = rawObject(entry, `order.fills[${index}]`)
    const what = `order.fills[${index}]`
    const price = decimalField(fill, 'price', what)
    const quantity = decimalField(fill, 'qty', what)
    return {
      symbol: report.symbol,
      tradeId: tradeId(integerText(fill, 'tradeId', what)),
      orderId: report.orderId,
      clientOrderId: report.clientOrderId,
      side: report.side,
      price,
      quantity,
      quoteQuantity: price.mul(quantity),
      commission: decimalField(fill, 'commission', what),
      commissionAsset: textField(fill, 'commissionAsset', what),
      isMaker: false,
      timeMs
    }
  })
}
