import { venueOrderId } from '../port/identifiers'
import type { OrderStatusReport } from '../port/order-report'
import { historyPage } from '../sim/history-query'
import { venueErrors } from '../sim/venue-errors'
import type { Endpoint } from './endpoint'
import { cancelOrderList, placeOcoList } from './journaled-calls'
import { annotateCancel } from './order-endpoints'
import { cancelResponseJson, orderResponseJson } from './order-json'
import type { ListRecord } from './order-list-book'
import { orderListJson } from './order-list-json'
import { readNewOcoList, readResponseType } from './order-params'
import { PaperApiError } from './paper-api-error'
import { symbolRules, type PaperContext } from './paper-context'
import type { ParamReader } from './param-reader'

async function legReports(context: PaperContext, record: ListRecord): Promise<OrderStatusReport[]> {
  return Promise.all(record.legs.map((leg) => context.exchange.queryOrder({ symbol: record.symbol, orderId: venueOrderId(leg.orderId) })))
}

function findList(context: PaperContext, params: ParamReader, clientIdName: string): ListRecord {
  const orderListId = params.integer('orderListId')
  const listClientOrderId = params.optional(clientIdName)
  if (orderListId === undefined && listClientOrderId === undefined) {
    throw new PaperApiError(400, -1102, `Param '${clientIdName}' or 'orderListId' must be sent, but both were empty/null!`)
  }
  const record = orderListId !== undefined ? context.lists.find(String(orderListId)) : context.lists.findByClientId(listClientOrderId as string)
  if (record === undefined || (listClientOrderId !== undefined && record.listClientOrderId !== listClientOrderId)) {
    throw new PaperApiError(400, -2011, 'Order list does not exist.')
  }
  return record
}

/** The order-list endpoints: place an OCO, query, cancel, and list open and past lists. */
export const ORDER_LIST_ENDPOINTS: readonly Endpoint[] = [
  {
    method: 'POST',
    path: '/api/v3/orderList/oco',
    security: 'SIGNED',
    weight: () => 1,
    orderEntry: { newOrders: () => 2 },
    handle: async (request, context) => {
      const list = readNewOcoList(request.params, context.ids)
      // Lists answer with RESULT-shaped reports unless asked otherwise, as Binance's examples show
      const responseType = request.params.optional('newOrderRespType') === undefined ? 'RESULT' : readResponseType(request.params, undefined)
      const report = await placeOcoList(context, list)
      const record = context.lists.record(report, report.updatedAtMs)
      const reports = report.orders.map((order) => orderResponseJson(order, responseType === 'ACK' ? 'ACK' : 'RESULT', report.updatedAtMs, [], context))
      return orderListJson(record, report.orders, responseType === 'FULL' ? reports.map((entry) => ({ ...entry, fills: [] })) : reports)
    }
  },
  {
    method: 'GET',
    path: '/api/v3/orderList',
    security: 'SIGNED',
    weight: () => 4,
    handle: async (request, context) => {
      const record = findList(context, request.params, 'origClientOrderId')
      return orderListJson(record, await legReports(context, record))
    }
  },
  {
    method: 'DELETE',
    path: '/api/v3/orderList',
    security: 'SIGNED',
    weight: () => 1,
    orderEntry: { newOrders: () => 0 },
    handle: async (request, context) => {
      const symbol = request.params.required('symbol')
      symbolRules(context, symbol)
      const record = findList(context, request.params, 'listClientOrderId')
      if (record.symbol !== symbol) throw new PaperApiError(400, -2011, 'Order list does not exist.')
      const cancelId = request.params.clientOrderId('newClientOrderId') ?? context.ids.next()
      const [first] = await legReports(context, record)
      if (first !== undefined) await annotateCancel(context, first, cancelId)
      await cancelOrderList(context, symbol, record.listClientOrderId, cancelId)
      const legs = await legReports(context, record)
      return orderListJson(
        record,
        legs,
        legs.map((leg) => cancelResponseJson(leg, cancelId, request.nowMs, context))
      )
    }
  },
  {
    method: 'GET',
    path: '/api/v3/openOrderList',
    security: 'SIGNED',
    weight: () => 6,
    handle: async (request, context) => {
      const open = await context.exchange.openOrderLists()
      return Promise.all(
        open.map(async (report) => {
          const record = context.lists.record(report, report.updatedAtMs)
          return orderListJson(record, await legReports(context, record))
        })
      )
    }
  },
  {
    method: 'GET',
    path: '/api/v3/allOrderList',
    security: 'SIGNED',
    weight: () => 20,
    handle: async (request, context) => {
      const params = request.params
      const fromId = params.integer('fromId')
      const startTimeMs = params.integer('startTime')
      const endTimeMs = params.integer('endTime')
      const limit = params.limit(500, 1000)
      // Binance: "If fromId is supplied, neither startTime or endTime can be provided"
      if (fromId !== undefined && (startTimeMs !== undefined || endTimeMs !== undefined)) throw venueErrors.badParameterCombination()
      const window = {
        limit,
        ...(fromId !== undefined ? { fromId: BigInt(fromId) } : {}),
        ...(startTimeMs !== undefined ? { startTimeMs } : {}),
        ...(endTimeMs !== undefined ? { endTimeMs } : {})
      }
      const page = historyPage(context.lists.all(), window, (record) => record.orderListId, (record) => record.transactionTimeMs)
      return Promise.all(page.map(async (record) => orderListJson(record, await legReports(context, record))))
    }
  }
]
