import { isOrderNotFoundError } from '../exchange/errors/order-not-found-error'
import type { Exchange } from '../exchange/port/exchange'
import type { VenueOrderId } from '../exchange/port/identifiers'
import { botOrderIdPrefix } from '../grid/trader/client-order-ids'
import { BotIdInUseError } from './bot-id-in-use-error'

/** How many recent orders and trades are read (Binance's largest page). */
const HISTORY_LIMIT = 1000
/** At most this many orders of recent trades, older than the recent orders, are looked up one by one. */
const TRADE_ORDER_LOOKUPS = 20

/** The orders the exchange shows under a bot's client order id prefix. */
export interface EarlierBotOrders {
  /** Client order ids of open orders (order lists' legs included). */
  readonly openIds: readonly string[]
  /** Client order ids of recent orders that are no longer open. */
  readonly pastIds: readonly string[]
}

/**
 * Asks the exchange for orders whose client order ids carry the bot's prefix (`gk-<bot>-`) on its
 * symbol: the open orders and open order lists, the latest 1000 orders, and the orders of the
 * latest 1000 trades (a trade names only its order, so an order older than the latest orders is
 * looked up, the newest 20 such at most). A read the exchange refuses is thrown: without an
 * answer a new bot cannot be known to be safe. Other symbols are not asked: an order history is
 * kept per symbol.
 */
export async function findEarlierBotOrders(exchange: Exchange, botId: string, symbol: string): Promise<EarlierBotOrders> {
  const prefix = botOrderIdPrefix(botId)
  const ours = (id: string) => id.startsWith(prefix)
  const open = await exchange.openOrders(symbol)
  const lists = await exchange.openOrderLists()
  const history = await exchange.allOrders({ symbol, limit: HISTORY_LIMIT })
  const trades = await exchange.myTrades({ symbol, limit: HISTORY_LIMIT })
  const openIds = new Set(open.map((order) => order.clientOrderId as string).filter(ours))
  // An order list's legs are orders of its own; a list of ours has legs of ours
  for (const list of lists) for (const order of list.orders) if (ours(order.clientOrderId)) openIds.add(order.clientOrderId)
  const pastIds = new Set(history.map((order) => order.clientOrderId as string).filter((id) => ours(id) && !openIds.has(id)))
  const known = new Set<VenueOrderId>(history.map((order) => order.orderId))
  const unknownOrders = [...new Set(trades.map((trade) => trade.orderId).filter((orderId) => !known.has(orderId)))].slice(-TRADE_ORDER_LOOKUPS)
  for (const orderId of unknownOrders) {
    let id: string
    try {
      id = (await exchange.queryOrder({ symbol, orderId })).clientOrderId
    } catch (error) {
      // The exchange keeps an order for a while after it ended; one it no longer knows names nothing
      if (isOrderNotFoundError(error)) continue
      throw error
    }
    if (ours(id) && !openIds.has(id)) pastIds.add(id)
  }
  return { openIds: [...openIds], pastIds: [...pastIds] }
}

/**
 * Refuses, with a BotIdInUseError, to create a bot whose client order ids the exchange already
 * shows: a journal that knew them is gone (or another program uses the id), and the new bot's
 * first ids would be the same ones. The new bot's journal has never heard of them, so it cannot
 * prove they are its own and adopt them.
 */
export async function refuseEarlierBotOrders(exchange: Exchange, botId: string, symbol: string): Promise<void> {
  const { openIds, pastIds } = await findEarlierBotOrders(exchange, botId, symbol)
  if (openIds.length > 0 || pastIds.length > 0) throw new BotIdInUseError(botId, symbol, openIds, pastIds)
}
