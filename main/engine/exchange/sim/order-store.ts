import type { FillReport } from '../port/order-report'
import type { OrderRef } from '../port/new-order'
import { ALGO_TYPES } from '../rules/order-request'
import { isListOpen, type SimOrderList } from './sim-order-list'
import { isOpen, type SimOrder } from './sim-order'
import { venueErrors } from './venue-errors'

/** Open-order counts the filters need, on one symbol and on the whole account. */
export interface OpenCounts {
  readonly symbolOpenOrders: number
  readonly symbolOpenAlgoOrders: number
  readonly symbolOpenIcebergOrders: number
  readonly symbolOpenOrderLists: number
  readonly accountOpenOrders: number
  readonly accountOpenAlgoOrders: number
  readonly accountOpenIcebergOrders: number
  readonly accountOpenOrderLists: number
}

/**
 * Every order, order list and fill the simulator has seen, with the indexes its answers need:
 * by order id, by client order id (the latest order with it), open orders per symbol in time
 * order, and open client order ids across the account.
 */
export class OrderStore {
  private readonly byId = new Map<string, SimOrder>()
  private readonly latestByClientId = new Map<string, SimOrder>()
  private readonly openClientIds = new Map<string, SimOrder>()
  private readonly history = new Map<string, SimOrder[]>()
  private readonly open = new Map<string, SimOrder[]>()
  private readonly lists = new Map<string, SimOrderList>()
  private readonly openListClientIds = new Map<string, SimOrderList>()
  private readonly fills = new Map<string, FillReport[]>()

  /** Adds a new, open order. */
  add(order: SimOrder): void {
    this.byId.set(order.orderId, order)
    this.latestByClientId.set(clientKey(order.symbol, order.clientOrderId), order)
    this.openClientIds.set(order.clientOrderId, order)
    const history = this.history.get(order.symbol) ?? []
    history.push(order)
    this.history.set(order.symbol, history)
    this.open.set(order.symbol, [...(this.open.get(order.symbol) ?? []), order])
  }

  /** Forgets a closed order in the open indexes (it stays in history). */
  closed(order: SimOrder): void {
    if (isOpen(order)) throw new Error(`simulator invariant broken: order ${order.orderId} is still ${order.status}`)
    this.open.set(
      order.symbol,
      (this.open.get(order.symbol) ?? []).filter((entry) => entry !== order)
    )
    if (this.openClientIds.get(order.clientOrderId) === order) this.openClientIds.delete(order.clientOrderId)
  }

  /** Returns true when an open order of the account uses this client order id. */
  isClientIdOpen(clientOrderId: string): boolean {
    return this.openClientIds.has(clientOrderId)
  }

  /**
   * Finds an order by exchange id and/or client order id (the latest order with it). Throws
   * -1102 when neither is given and -2039 when both are given but name different orders.
   */
  find(ref: OrderRef): SimOrder | undefined {
    if (ref.orderId === undefined && ref.clientOrderId === undefined) throw venueErrors.missingOrderId()
    if (ref.orderId !== undefined) {
      const order = this.byId.get(ref.orderId)
      if (order === undefined || order.symbol !== ref.symbol) return undefined
      if (ref.clientOrderId !== undefined && order.clientOrderId !== ref.clientOrderId) throw venueErrors.clientIdMismatch()
      return order
    }
    return this.latestByClientId.get(clientKey(ref.symbol, ref.clientOrderId as string))
  }

  /** Returns the order with this exchange id, whatever its symbol. */
  orderById(orderId: string): SimOrder | undefined {
    return this.byId.get(orderId)
  }

  /** Returns the open orders of a symbol, oldest first. */
  openOrders(symbol: string): readonly SimOrder[] {
    return this.open.get(symbol) ?? []
  }

  /** Returns every order of a symbol, oldest first. */
  allOrders(symbol: string): readonly SimOrder[] {
    return this.history.get(symbol) ?? []
  }

  /** Adds a new, executing order list. */
  addList(list: SimOrderList): void {
    this.lists.set(list.orderListId, list)
    this.openListClientIds.set(list.listClientOrderId, list)
  }

  /** Forgets a finished list in the open index. */
  listDone(list: SimOrderList): void {
    if (this.openListClientIds.get(list.listClientOrderId) === list) this.openListClientIds.delete(list.listClientOrderId)
  }

  /** Returns the list with this id. */
  list(orderListId: string): SimOrderList | undefined {
    return this.lists.get(orderListId)
  }

  /** Returns the executing list with this client id, if any. */
  openListByClientId(listClientOrderId: string): SimOrderList | undefined {
    return this.openListClientIds.get(listClientOrderId)
  }

  /** Returns every executing list, oldest first. */
  openLists(): SimOrderList[] {
    return [...this.openListClientIds.values()].filter(isListOpen).sort((a, b) => Number(a.orderListId) - Number(b.orderListId))
  }

  /** Records one of our fills. */
  addFill(fill: FillReport): void {
    const fills = this.fills.get(fill.symbol) ?? []
    fills.push(fill)
    this.fills.set(fill.symbol, fills)
  }

  /** Returns our fills on a symbol, oldest first. */
  fillsOf(symbol: string): readonly FillReport[] {
    return this.fills.get(symbol) ?? []
  }

  /**
   * Forgets an order as if the exchange never had it: gone from every index, the open ones and
   * the history, with its trades. The order's list, if any, is forgotten with it (both legs).
   * Returns the orders forgotten.
   */
  forget(order: SimOrder): SimOrder[] {
    const list = order.orderListId === undefined ? undefined : this.lists.get(order.orderListId)
    const orders = list === undefined ? [order] : [...list.legs]
    for (const entry of orders) {
      this.byId.delete(entry.orderId)
      const key = clientKey(entry.symbol, entry.clientOrderId)
      if (this.latestByClientId.get(key) === entry) this.latestByClientId.delete(key)
      if (this.openClientIds.get(entry.clientOrderId) === entry) this.openClientIds.delete(entry.clientOrderId)
      this.history.set(
        entry.symbol,
        (this.history.get(entry.symbol) ?? []).filter((other) => other !== entry)
      )
      this.open.set(
        entry.symbol,
        (this.open.get(entry.symbol) ?? []).filter((other) => other !== entry)
      )
      this.fills.set(
        entry.symbol,
        (this.fills.get(entry.symbol) ?? []).filter((fill) => fill.orderId !== entry.orderId)
      )
    }
    if (list !== undefined) {
      this.lists.delete(list.orderListId)
      if (this.openListClientIds.get(list.listClientOrderId) === list) this.openListClientIds.delete(list.listClientOrderId)
    }
    return orders
  }

  /** Forgets everything: every order, list and trade (a testnet reset). */
  clear(): void {
    for (const map of [this.byId, this.latestByClientId, this.openClientIds, this.history, this.open, this.lists, this.openListClientIds, this.fills]) map.clear()
  }

  /** Returns the open-order counts for one more order on `symbol`. */
  counts(symbol: string): OpenCounts {
    const symbolOrders = this.openOrders(symbol)
    const accountOrders = [...this.open.values()].flat()
    const lists = this.openLists()
    return {
      symbolOpenOrders: symbolOrders.length,
      symbolOpenAlgoOrders: symbolOrders.filter((order) => ALGO_TYPES.has(order.type)).length,
      symbolOpenIcebergOrders: 0,
      symbolOpenOrderLists: lists.filter((list) => list.symbol === symbol).length,
      accountOpenOrders: accountOrders.length,
      accountOpenAlgoOrders: accountOrders.filter((order) => ALGO_TYPES.has(order.type)).length,
      accountOpenIcebergOrders: 0,
      accountOpenOrderLists: lists.length
    }
  }
}

function clientKey(symbol: string, clientOrderId: string): string {
  return `${symbol}\u0000${clientOrderId}`
}
