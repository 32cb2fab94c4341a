import { isOrderNotFoundError } from '../errors/order-not-found-error'
import { venueOrderId } from '../port/identifiers'
import type { OrderStatusReport } from '../port/order-report'
import { FINAL_STATUSES } from '../port/order-report'
import { validateOrder } from '../rules'
import { checkTimeInForce } from '../sim/time-in-force-check'
import { venueErrors } from '../sim/venue-errors'
import { violationError } from '../sim/violation-error'
import type { Endpoint } from './endpoint'
import { cancelAllOrders, cancelOrder, placeOrder } from './journaled-calls'
import { cancelResponseJson, orderQueryJson, orderResponseJson } from './order-json'
import { orderListJson } from './order-list-json'
import { readNewOrder, readOrderRef, readResponseType } from './order-params'
import { PaperApiError } from './paper-api-error'
import { symbolRules, type PaperContext } from './paper-context'
import { wireDecimal } from './wire-decimal'
import { Decimal } from '@shared/money/decimal'

/** Records the cancel request's id on the order (and its list's other legs), so events and responses carry it. */
export async function annotateCancel(context: PaperContext, order: OrderStatusReport, cancelId: string): Promise<void> {
  context.annotations.setCancelId(order.orderId, cancelId)
  if (order.orderListId === undefined) return
  const list = context.lists.find(order.orderListId)
  for (const leg of list?.legs ?? []) context.annotations.setCancelId(leg.orderId, cancelId)
}

/** Cancels every open order and list of a symbol, answering as `DELETE /api/v3/openOrders` does. */
async function cancelAll(context: PaperContext, symbol: string, nowMs: number): Promise<unknown[]> {
  const open = await context.exchange.openOrders(symbol)
  for (const order of open) await annotateCancel(context, order, context.ids.next())
  const cancelled = await cancelAllOrders(context, symbol)
  const out: unknown[] = []
  const listsDone = new Set<string>()
  for (const report of cancelled) {
    const cancelId = context.annotations.cancelId(report.orderId) ?? ''
    if (report.orderListId === undefined) {
      out.push(cancelResponseJson(report, cancelId, nowMs, context))
      continue
    }
    if (listsDone.has(report.orderListId)) continue
    listsDone.add(report.orderListId)
    const record = context.lists.find(report.orderListId)
    if (record === undefined) continue
    const legs = await Promise.all(record.legs.map((leg) => context.exchange.queryOrder({ symbol, orderId: venueOrderId(leg.orderId) })))
    out.push(orderListJson(record, legs, legs.map((leg) => cancelResponseJson(leg, cancelId, nowMs, context))))
  }
  return out
}

/** The order endpoints: place, test, query, cancel, open orders and order history. */
export const ORDER_ENDPOINTS: readonly Endpoint[] = [
  {
    method: 'POST',
    path: '/api/v3/order',
    security: 'SIGNED',
    weight: () => 1,
    orderEntry: { newOrders: () => 1 },
    handle: async (request, context) => {
      const order = readNewOrder(request.params, context.ids)
      const responseType = readResponseType(request.params, order.type)
      const report = await placeOrder(context, order)
      if (order.quoteOrderQty !== undefined) context.annotations.setQuoteOrderQty(report.orderId, order.quoteOrderQty)
      const fills = responseType === 'FULL' && report.executedQty.gt(0) ? await context.exchange.myTrades({ symbol: order.symbol, orderId: report.orderId, limit: 1000 }) : []
      return orderResponseJson(report, responseType, report.createdAtMs, fills, context)
    }
  },
  {
    method: 'POST',
    path: '/api/v3/order/test',
    security: 'SIGNED',
    weight: (params) => (params.boolean('computeCommissionRates') === true ? 20 : 1),
    handle: async (request, context) => {
      const order = readNewOrder(request.params, context.ids)
      readResponseType(request.params, order.type)
      const rules = symbolRules(context, order.symbol)
      checkTimeInForce(order.type, order.timeInForce)
      const referencePrice = (await context.exchange.avgPrice(order.symbol).catch(() => undefined))?.price
      const { symbol: _symbol, clientOrderId: _id, timeInForce: _tif, ...shape } = order
      const refusal = violationError(validateOrder(rules, shape, referencePrice === undefined ? {} : { referencePrice }).violations)
      if (refusal !== undefined) throw refusal
      if (request.params.boolean('computeCommissionRates') !== true) return {}
      const zero = wireDecimal(new Decimal(0))
      return {
        standardCommissionForOrder: { maker: wireDecimal(context.fees.maker), taker: wireDecimal(context.fees.taker) },
        specialCommissionForOrder: { maker: zero, taker: zero },
        taxCommissionForOrder: { maker: zero, taker: zero },
        discount: { enabledForAccount: false, enabledForSymbol: false, discountAsset: 'BNB', discount: zero }
      }
    }
  },
  {
    method: 'GET',
    path: '/api/v3/order',
    security: 'SIGNED',
    weight: () => 4,
    handle: async (request, context) => {
      const symbol = request.params.required('symbol')
      const report = await context.exchange.queryOrder(readOrderRef(request.params, symbol))
      return orderQueryJson(report, context)
    }
  },
  {
    method: 'DELETE',
    path: '/api/v3/order',
    security: 'SIGNED',
    weight: () => 1,
    orderEntry: { newOrders: () => 0 },
    handle: async (request, context) => {
      const params = request.params
      const symbol = params.required('symbol')
      symbolRules(context, symbol)
      const ref = readOrderRef(params, symbol)
      const cancelId = params.clientOrderId('newClientOrderId') ?? context.ids.next()
      const restriction = params.oneOf('cancelRestrictions', ['ONLY_NEW', 'ONLY_PARTIALLY_FILLED'] as const, () => new PaperApiError(400, -1145, 'Invalid cancelRestrictions'))
      let current: OrderStatusReport
      try {
        current = await context.exchange.queryOrder(ref)
      } catch (error) {
        // A cancel of an order the exchange does not know is -2011, not the query's -2013
        if (isOrderNotFoundError(error)) throw venueErrors.unknownOrderSent()
        throw error
      }
      if (FINAL_STATUSES.has(current.status)) throw venueErrors.unknownOrderSent()
      if ((restriction === 'ONLY_NEW' && current.status !== 'NEW') || (restriction === 'ONLY_PARTIALLY_FILLED' && current.status !== 'PARTIALLY_FILLED')) {
        throw new PaperApiError(400, -2011, 'Order was not canceled due to cancel restrictions.')
      }
      await annotateCancel(context, current, cancelId)
      const report = await cancelOrder(context, { symbol, orderId: current.orderId }, cancelId)
      return cancelResponseJson(report, cancelId, report.updatedAtMs, context)
    }
  },
  {
    method: 'GET',
    path: '/api/v3/openOrders',
    security: 'SIGNED',
    weight: (params) => (params.optional('symbol') !== undefined ? 6 : 80),
    handle: async (request, context) => {
      const symbol = request.params.optional('symbol')
      const symbols = symbol !== undefined ? [symbolRules(context, symbol).symbol] : [...context.rules.symbols.keys()]
      const rows: unknown[] = []
      for (const name of symbols) for (const report of await context.exchange.openOrders(name)) rows.push(orderQueryJson(report, context))
      return rows
    }
  },
  {
    method: 'DELETE',
    path: '/api/v3/openOrders',
    security: 'SIGNED',
    weight: () => 1,
    orderEntry: { newOrders: () => 0 },
    handle: async (request, context) => {
      const symbol = request.params.required('symbol')
      symbolRules(context, symbol)
      return cancelAll(context, symbol, request.nowMs)
    }
  },
  {
    method: 'GET',
    path: '/api/v3/allOrders',
    security: 'SIGNED',
    weight: () => 20,
    handle: async (request, context) => {
      const params = request.params
      const symbol = params.required('symbol')
      symbolRules(context, symbol)
      const orderId = params.integer('orderId')
      const startTimeMs = params.integer('startTime')
      const endTimeMs = params.integer('endTime')
      const limit = params.limit(500, 1000)
      // The simulator pages over the symbol's whole history, as Binance does
      const orders = await context.exchange.allOrders({
        symbol,
        limit,
        ...(orderId !== undefined ? { fromOrderId: venueOrderId(String(orderId)) } : {}),
        ...(startTimeMs !== undefined ? { startTimeMs } : {}),
        ...(endTimeMs !== undefined ? { endTimeMs } : {})
      })
      return orders.map((report) => orderQueryJson(report, context))
    }
  }
]
