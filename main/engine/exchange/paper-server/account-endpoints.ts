import { Decimal } from '@shared/money/decimal'
import { tradeId, venueOrderId } from '../port/identifiers'
import type { FillReport } from '../port/order-report'
import type { Endpoint } from './endpoint'
import { symbolRules, type PaperContext } from './paper-context'
import { wireDecimal } from './wire-decimal'

/** Returns a commission rate in basis points as Binance's legacy integer fields carry it (0.001 → 10). */
function basisPoints(rate: Decimal): number {
  return rate.mul(10_000).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber()
}

async function tradeJson(fill: FillReport, context: PaperContext, listIds: Map<string, number>): Promise<Record<string, unknown>> {
  let orderListId = listIds.get(fill.orderId)
  if (orderListId === undefined) {
    const order = await context.exchange.queryOrder({ symbol: fill.symbol, orderId: fill.orderId })
    orderListId = order.orderListId === undefined ? -1 : Number(order.orderListId)
    listIds.set(fill.orderId, orderListId)
  }
  return {
    symbol: fill.symbol,
    id: Number(fill.tradeId),
    orderId: Number(fill.orderId),
    orderListId,
    price: wireDecimal(fill.price),
    qty: wireDecimal(fill.quantity),
    quoteQty: wireDecimal(fill.quoteQuantity),
    commission: wireDecimal(fill.commission),
    commissionAsset: fill.commissionAsset,
    time: fill.timeMs,
    isBuyer: fill.side === 'BUY',
    isMaker: fill.isMaker,
    isBestMatch: true
  }
}

/** The signed account endpoints: account, myTrades and rateLimit/order. */
export const ACCOUNT_ENDPOINTS: readonly Endpoint[] = [
  {
    method: 'GET',
    path: '/api/v3/account',
    security: 'SIGNED',
    weight: () => 20,
    handle: async (request, context) => {
      const account = await context.exchange.account()
      const omitZero = request.params.boolean('omitZeroBalances') === true
      const balances = [...account.balances.values()]
        .filter((balance) => !omitZero || !balance.free.add(balance.locked).isZero())
        .map((balance) => ({ asset: balance.asset, free: wireDecimal(balance.free), locked: wireDecimal(balance.locked) }))
      const zero = wireDecimal(new Decimal(0))
      return {
        makerCommission: basisPoints(context.fees.maker),
        takerCommission: basisPoints(context.fees.taker),
        buyerCommission: 0,
        sellerCommission: 0,
        commissionRates: { maker: wireDecimal(context.fees.maker), taker: wireDecimal(context.fees.taker), buyer: zero, seller: zero },
        canTrade: account.canTrade,
        canWithdraw: false,
        canDeposit: false,
        brokered: false,
        requireSelfTradePrevention: false,
        preventSor: false,
        updateTime: account.updatedAtMs,
        accountType: 'SPOT',
        balances,
        permissions: ['SPOT'],
        uid: 1
      }
    }
  },
  {
    method: 'GET',
    path: '/api/v3/myTrades',
    security: 'SIGNED',
    weight: (params) => (params.optional('orderId') !== undefined ? 5 : 20),
    handle: async (request, context) => {
      const params = request.params
      const symbol = params.required('symbol')
      symbolRules(context, symbol)
      const orderId = params.integer('orderId')
      const fromId = params.integer('fromId')
      const startTimeMs = params.integer('startTime')
      const endTimeMs = params.integer('endTime')
      const limit = params.limit(500, 1000)
      // The simulator pages over the symbol's whole history, as Binance does
      const page = await context.exchange.myTrades({
        symbol,
        limit,
        ...(orderId !== undefined ? { orderId: venueOrderId(String(orderId)) } : {}),
        ...(fromId !== undefined ? { fromTradeId: tradeId(String(fromId)) } : {}),
        ...(startTimeMs !== undefined ? { startTimeMs } : {}),
        ...(endTimeMs !== undefined ? { endTimeMs } : {})
      })
      const listIds = new Map<string, number>()
      const rows: Record<string, unknown>[] = []
      for (const fill of page) rows.push(await tradeJson(fill, context, listIds))
      return rows
    }
  },
  {
    method: 'GET',
    path: '/api/v3/rateLimit/order',
    security: 'SIGNED',
    weight: () => 40,
    handle: async (_request, context) => {
      const limits = context.limiter.limits()
      const counts = context.limiter.counts('')
      return [
        { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: limits.ordersPer10Seconds, count: counts.orders10s },
        { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: limits.ordersPerDay, count: counts.orders1d }
      ]
    }
  }
]
