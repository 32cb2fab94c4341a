import { clientOrderId, tradeId, venueOrderId } from '../port/identifiers'
import type { FillReport, OrderStatusReport } from '../port/order-report'
import type { ExecutionEvent, ExecutionType } from '../port/user-event'
import { BinancePayloadError } from './binance-payload-error'
import { executionTypeOf, orderSideOf, orderStatusOf, orderTypeOf, timeInForceOf } from './parse-enums'
import { decimalField, integerField, integerText, optionalDecimal, optionalText, rawObject, textField, type RawObject } from './raw-fields'

const WHAT = 'executionReport'

/**
 * Parses an `executionReport` user-data event: the order's state after the event, and the trade
 * when the event is one. The order's own client id is `C` when set (on a cancel `c` is the cancel
 * request's id), else `c`. An execution type the port does not know is read as TRADE when the
 * event carries a trade, else as REPLACED (the order changed without trading), so no fill is lost
 * and the order's status still arrives; an unknown status, type or side is a BinancePayloadError.
 */
export function parseExecutionEvent(raw: unknown): ExecutionEvent {
  const source = rawObject(raw, WHAT)
  const orderId = venueOrderId(integerText(source, 'i', WHAT))
  const side = orderSideOf(source['S'])
  if (side === undefined) throw new BinancePayloadError(`executionReport of order ${orderId} has an unknown side ${String(source['S'])}`)
  const type = orderTypeOf(source['o'])
  if (type === undefined) throw new BinancePayloadError(`executionReport of order ${orderId} has an order type the port does not know: ${String(source['o'])}`)
  const status = orderStatusOf(source['X'])
  if (status === undefined) throw new BinancePayloadError(`executionReport of order ${orderId} has an order status the port does not know: ${String(source['X'])}`)
  const tradeNumber = integerText(source, 't', WHAT)
  const hasTrade = !tradeNumber.startsWith('-')
  const executionType = executionTypeOf(source['x']) ?? (hasTrade ? 'TRADE' : 'REPLACED')
  const stopPrice = optionalDecimal(source, 'P', WHAT)
  const timeInForce = timeInForceOf(source['f'])
  const listId = integerField(source, 'g', WHAT)
  const expiryReason = optionalText(source, 'eR')
  const transactTimeMs = integerField(source, 'T', WHAT)
  // "A": the quantity self-trade prevention has taken out of the book in all, when it took any
  const preventedQuantity = optionalDecimal(source, 'A', WHAT)
  const report: OrderStatusReport = {
    symbol: textField(source, 's', WHAT),
    orderId,
    clientOrderId: clientOrderId(optionalText(source, 'C') ?? textField(source, 'c', WHAT)),
    side,
    type,
    status,
    price: decimalField(source, 'p', WHAT),
    ...(stopPrice !== undefined && !stopPrice.isZero() ? { stopPrice } : {}),
    origQty: decimalField(source, 'q', WHAT),
    executedQty: decimalField(source, 'z', WHAT),
    cumulativeQuoteQty: decimalField(source, 'Z', WHAT),
    ...(timeInForce !== undefined ? { timeInForce } : {}),
    ...(listId >= 0 ? { orderListId: String(listId) } : {}),
    ...(expiryReason !== undefined ? { expiryReason } : {}),
    ...(preventedQuantity !== undefined && preventedQuantity.gt(0) ? { preventedQuantity } : {}),
    createdAtMs: integerField(source, 'O', WHAT),
    updatedAtMs: transactTimeMs
  }
  const fill = executionType === 'TRADE' && hasTrade ? tradeOf(source, report, tradeNumber, transactTimeMs) : undefined
  return { type: 'execution', executionType: executionType satisfies ExecutionType, report, ...(fill !== undefined ? { fill } : {}), eventTimeMs: integerField(source, 'E', WHAT) }
}

function tradeOf(source: RawObject, report: OrderStatusReport, tradeNumber: string, timeMs: number): FillReport {
  return {
    symbol: report.symbol,
    tradeId: tradeId(tradeNumber),
    orderId: report.orderId,
    clientOrderId: report.clientOrderId,
    side: report.side,
    price: decimalField(source, 'L', WHAT),
    quantity: decimalField(source, 'l', WHAT),
    quoteQuantity: decimalField(source, 'Y', WHAT),
    commission: decimalField(source, 'n', WHAT),
    commissionAsset: textField(source, 'N', WHAT),
    isMaker: source['m'] === true,
    timeMs
  }
}
