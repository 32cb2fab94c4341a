import type { Balance } from '../../main/engine/exchange/port/account'
import type { Exchange } from '../../main/engine/exchange/port/exchange'
import { tradeId } from '../../main/engine/exchange/port/identifiers'
import type { OrderListReport } from '../../main/engine/exchange/port/order-list-report'
import type { FillReport, OrderStatusReport } from '../../main/engine/exchange/port/order-report'
import type { ExchangeRules } from '../../main/engine/exchange/rules'

/** A trade of the account, with the client order id of its order (Binance's trade list names only the order id). */
export interface AccountTrade extends FillReport {
  readonly orderClientId: string
}

/** Everything the account's history on the exchange shows, read once through the read-only endpoints. */
export interface ExchangeHistory {
  readonly rules: ExchangeRules
  /** Every order of each symbol, oldest first. */
  readonly orders: ReadonlyMap<string, readonly OrderStatusReport[]>
  /** Every trade of each symbol, oldest first. */
  readonly trades: ReadonlyMap<string, readonly AccountTrade[]>
  readonly openLists: readonly OrderListReport[]
  readonly balances: ReadonlyMap<string, Balance>
}

const PAGE = 1000
const MAX_PAGES = 1000

/**
 * Reads what a real account would also show: exchangeInfo, allOrders and myTrades of every symbol
 * (all pages), the open order lists and the account's balances. Nothing is sent that changes state.
 */
export async function readExchangeHistory(exchange: Exchange, symbols?: readonly string[]): Promise<ExchangeHistory> {
  const rules = await exchange.exchangeInfo()
  const names = symbols ?? [...rules.symbols.keys()]
  const orders = new Map<string, readonly OrderStatusReport[]>()
  const trades = new Map<string, readonly AccountTrade[]>()
  for (const symbol of names) {
    const symbolOrders = await allOrdersOf(exchange, symbol)
    const clientIdByOrderId = new Map(symbolOrders.map((order) => [order.orderId as string, order.clientOrderId as string]))
    orders.set(symbol, symbolOrders)
    trades.set(
      symbol,
      (await allTradesOf(exchange, symbol)).map((trade) => ({ ...trade, orderClientId: clientIdByOrderId.get(trade.orderId) ?? '' }))
    )
  }
  const account = await exchange.account()
  return { rules, orders, trades, openLists: await exchange.openOrderLists(), balances: account.balances }
}

async function allOrdersOf(exchange: Exchange, symbol: string): Promise<OrderStatusReport[]> {
  const orders: OrderStatusReport[] = []
  const seen = new Set<string>()
  let startTimeMs = 0
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const batch = await exchange.allOrders({ symbol, startTimeMs, limit: PAGE })
    const fresh = batch.filter((order) => !seen.has(order.orderId))
    for (const order of fresh) seen.add(order.orderId)
    orders.push(...fresh)
    const last = batch[batch.length - 1]
    if (batch.length < PAGE || last === undefined || fresh.length === 0) break
    startTimeMs = last.createdAtMs
  }
  return orders
}

async function allTradesOf(exchange: Exchange, symbol: string): Promise<FillReport[]> {
  const trades: FillReport[] = []
  let fromTradeId = tradeId('0')
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const batch = await exchange.myTrades({ symbol, limit: PAGE, fromTradeId })
    trades.push(...batch)
    const last = batch[batch.length - 1]
    if (batch.length < PAGE || last === undefined) break
    fromTradeId = tradeId((BigInt(last.tradeId) + 1n).toString())
  }
  return trades
}
