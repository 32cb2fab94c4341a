import type { Decimal } from '@shared/money/decimal'
import type { Logger } from '../../logging/logger'
import { ExchangeRejectedError } from '../errors/exchange-rejected-error'
import type { AccountSnapshot } from '../port/account'
import type { BookTicker } from '../port/book-ticker'
import { venueOrderId } from '../port/identifiers'
import type { Exchange, OrderHistoryQuery, TradeQuery, Unsubscribe } from '../port/exchange'
import type { AveragePrice, Candle, TradeTick } from '../port/market-event'
import type { NewOcoList, NewOrder, OrderRef } from '../port/new-order'
import type { OrderListReport } from '../port/order-list-report'
import type { FillReport, OrderStatusReport } from '../port/order-report'
import type { UserEvent } from '../port/user-event'
import { parseExchangeInfo, type ExchangeRules } from '../rules'
import type { LimitUsage } from './rate-limit-governor'
import { RateLimitGovernor } from './rate-limit-governor'
import type { BinanceExchangeOptions } from './binance-exchange-options'
import { BinanceRestClient } from './client'
import { MarketTradeStreams } from './market-trade-streams'
import { OpenOrderWatch } from './open-order-watch'
import { newOrderParams, ocoListParams, type WireParams } from './order-params'
import { parseAccount } from './parse-account'
import { parseFill } from './parse-fill'
import { parseAvgPrice, parseBookTicker, parseKline, parseServerTime, parseTickerPrice } from './parse-market'
import { listLegRefs, parseOrderListReport } from './parse-order-list-report'
import { parseOrderStatusReport } from './parse-order-status-report'
import { parseUserEvent } from './parse-user-event'
import { rawArray, rawObject } from './raw-fields'
import { REQUEST_COSTS } from './request-costs'
import { RestCaller } from './rest-caller'
import { ServerTime } from './server-time'
import { UserDataStream, type UserStreamState } from './user-data-stream'
import { sdkUserStreamConnector } from './user-stream-connection'

/** What the adapter can tell about its connection, for the health view. */
export interface BinanceHealth {
  readonly userStream: UserStreamState
  /** When the last user-data event arrived (engine clock), if any did. */
  readonly lastUserEventMs: number | undefined
  /** Server minus local clock, in milliseconds. */
  readonly serverOffsetMs: number
  readonly rateLimits: readonly LimitUsage[]
  /** Orders the adapter last saw open. */
  readonly openOrders: number
}

// The latest report of each order seen, for the legs of listStatus events; bounded
const MAX_REMEMBERED_REPORTS = 2_000

/**
 * The engine's Exchange port over Binance Spot, through the `binance` SDK: REST for requests
 * (exact decimal text out, raw JSON parsed by pure parse-* functions, every SDK error mapped to
 * the port's typed errors in errors.ts), the WebSocket API user-data subscription for order and
 * balance events (reconnected with backoff, watched for silence, announced with stream status
 * events), market streams for public trades, a server-time offset kept here, and a rate-limit
 * governor fed by the answers' headers. Endpoints make it live, testnet, demo or a paper server.
 */
export class BinanceExchange implements Exchange {
  private readonly caller: RestCaller
  private readonly serverTime: ServerTime
  private readonly governor: RateLimitGovernor
  private readonly watch = new OpenOrderWatch()
  private readonly reports = new Map<string, OrderStatusReport>()
  private readonly listeners = new Set<(event: UserEvent) => void>()
  private readonly stream: UserDataStream
  private readonly trades: MarketTradeStreams
  private readonly logger: Logger

  constructor(options: BinanceExchangeOptions) {
    this.logger = options.logger
    const recvWindowMs = options.recvWindowMs ?? 5_000
    const client = new BinanceRestClient({
      restUrl: options.endpoints.rest,
      apiKey: options.apiKey,
      apiSecret: options.apiSecret,
      recvWindowMs,
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000
    })
    this.serverTime = new ServerTime({
      fetchServerTimeMs: async () => parseServerTime(await client.serverTime()),
      wallNowMs: options.wallNowMs ?? Date.now,
      onOffset: (offsetMs) => client.setTimeOffsetMs(offsetMs),
      ...(options.timeSyncIntervalMs !== undefined ? { maxAgeMs: options.timeSyncIntervalMs } : {})
    })
    this.governor = new RateLimitGovernor(options.clock, () => this.serverTime.serverNowMs(), options.rateLimit)
    this.caller = new RestCaller({ client, governor: this.governor, serverTime: this.serverTime })
    this.trades = new MarketTradeStreams(options.endpoints.streams, options.logger)
    this.stream = new UserDataStream({
      connect: sdkUserStreamConnector({
        wsApiUrl: options.endpoints.wsApi,
        apiKey: options.apiKey,
        apiSecret: options.apiSecret,
        recvWindowMs,
        serverNowMs: () => this.serverTime.serverNowMs(),
        offsetMs: () => this.serverTime.offsetMs(),
        freshClock: () => this.serverTime.ensureFresh(),
        resyncClock: async () => {
          await this.serverTime.sync()
        },
        logger: options.logger
      }),
      readFrame: (raw) => parseUserEvent(raw, (orderId) => this.reports.get(orderId)),
      onEvent: (event) => this.deliver(event),
      hasOpenOrders: () => this.watch.hasOpenOrders(),
      clock: options.clock,
      logger: options.logger,
      random: options.random ?? Math.random,
      ...(options.userStream !== undefined ? { settings: options.userStream } : {})
    })
  }

  /** Returns the rules of the given symbols (all when omitted) and adopts the exchange's rate limits. */
  exchangeInfo(symbols?: readonly string[]): Promise<ExchangeRules> {
    return this.caller.call(REQUEST_COSTS.exchangeInfo, (client) => client.exchangeInfo(symbols), (raw) => {
      const rules = parseExchangeInfo(raw)
      this.governor.configure(rules.rateLimits)
      return rules
    })
  }

  /** Returns the exchange's clock (`GET /api/v3/time`). */
  serverTimeMs(): Promise<number> {
    return this.caller.call(REQUEST_COSTS.serverTime, (client) => client.serverTime(), parseServerTime)
  }

  /** Returns the account's balances. */
  account(): Promise<AccountSnapshot> {
    return this.caller.call(REQUEST_COSTS.account, (client) => client.account(), parseAccount)
  }

  /** Returns the latest traded price; -1112 when the symbol has not traded. */
  lastPrice(symbol: string): Promise<Decimal> {
    return this.caller.call(REQUEST_COSTS.tickerPrice, (client) => client.tickerPrice(symbol), (raw) => {
      const price = parseTickerPrice(raw)
      if (price.isZero()) throw new ExchangeRejectedError(-1112, `no last price for ${symbol} yet`)
      return price
    })
  }

  /** Returns the symbol's average price (`GET /api/v3/avgPrice`), the one its price filters are checked against. */
  avgPrice(symbol: string): Promise<AveragePrice> {
    return this.caller.call(REQUEST_COSTS.avgPrice, (client) => client.avgPrice(symbol), parseAvgPrice)
  }

  /** Returns the best bid and ask; -1112 when the book is empty on either side. */
  bookTicker(symbol: string): Promise<BookTicker> {
    return this.caller.call(REQUEST_COSTS.bookTicker, (client) => client.bookTicker(symbol), (raw) => {
      const book = parseBookTicker(raw)
      if (book.bid.isZero() || book.ask.isZero()) throw new ExchangeRejectedError(-1112, `no bid or ask for ${symbol}`)
      return book
    })
  }

  /** Places one order (FULL response: the trades it made at once included). */
  async placeOrder(order: NewOrder): Promise<OrderStatusReport> {
    await this.stream.beforeOrderEntry()
    return this.seen(await this.caller.call(REQUEST_COSTS.placeOrder, (client) => client.newOrder(newOrderParams(order)), parseOrderStatusReport))
  }

  /** Cancels one open order; -2011 (unknown or no longer open) is OrderNotFoundError. */
  async cancelOrder(ref: OrderRef): Promise<OrderStatusReport> {
    return this.seen(await this.caller.call(REQUEST_COSTS.cancelOrder, (client) => client.cancelOrder(refParams(ref)), parseOrderStatusReport))
  }

  /** Cancels every open order and order list of a symbol; -2011 when nothing was open, as Binance answers. */
  async cancelAllOrders(symbol: string): Promise<readonly OrderStatusReport[]> {
    const reports = await this.caller.call(REQUEST_COSTS.cancelAllOrders, (client) => client.cancelOpenOrders(symbol), (raw) =>
      // The answer mixes cancelled orders and cancelled lists (whose legs are in orderReports)
      rawArray(raw, 'cancelled orders').flatMap((entry) => {
        const item = rawObject(entry, 'cancelled order')
        return item['orderReports'] !== undefined ? parseOrderListReport(item).orders : [parseOrderStatusReport(item)]
      })
    )
    for (const report of reports) this.seen(report)
    return reports
  }

  /** Returns one order's state; -2013 is OrderNotFoundError. */
  async queryOrder(ref: OrderRef): Promise<OrderStatusReport> {
    return this.seen(await this.caller.call(REQUEST_COSTS.queryOrder, (client) => client.getOrder(refParams(ref)), parseOrderStatusReport))
  }

  /** Returns the open orders of a symbol. May lag fills: never act on it alone. */
  async openOrders(symbol: string): Promise<readonly OrderStatusReport[]> {
    const reports = await this.caller.call(REQUEST_COSTS.openOrders, (client) => client.openOrders(symbol), parseReports)
    this.watch.replaceSymbol(symbol, reports)
    for (const report of reports) this.remember(report)
    return reports
  }

  /** Returns past and open orders of a symbol, oldest first (see OrderHistoryQuery for which). */
  allOrders(query: OrderHistoryQuery): Promise<readonly OrderStatusReport[]> {
    const params: WireParams = {
      symbol: query.symbol,
      ...(query.fromOrderId !== undefined ? { orderId: query.fromOrderId } : {}),
      ...(query.startTimeMs !== undefined ? { startTime: String(query.startTimeMs) } : {}),
      ...(query.endTimeMs !== undefined ? { endTime: String(query.endTimeMs) } : {}),
      ...(query.limit !== undefined ? { limit: String(query.limit) } : {})
    }
    return this.caller.call(REQUEST_COSTS.allOrders, (client) => client.allOrders(params), parseReports)
  }

  /** Returns the account's trades on a symbol, oldest first, without client order ids (Binance's history has none). */
  myTrades(query: TradeQuery): Promise<readonly FillReport[]> {
    const params: WireParams = {
      symbol: query.symbol,
      ...(query.orderId !== undefined ? { orderId: query.orderId } : {}),
      ...(query.fromTradeId !== undefined ? { fromId: query.fromTradeId } : {}),
      ...(query.startTimeMs !== undefined ? { startTime: String(query.startTimeMs) } : {}),
      ...(query.endTimeMs !== undefined ? { endTime: String(query.endTimeMs) } : {}),
      ...(query.limit !== undefined ? { limit: String(query.limit) } : {})
    }
    const cost = query.orderId !== undefined ? REQUEST_COSTS.myTradesOfOrder : REQUEST_COSTS.myTrades
    return this.caller.call(cost, (client) => client.myTrades(params), (raw) => rawArray(raw, 'trades').map(parseFill))
  }

  /** Places an OCO list (`orderList/oco`); resolves with both legs' states. */
  async placeOcoList(list: NewOcoList): Promise<OrderListReport> {
    await this.stream.beforeOrderEntry()
    const report = await this.caller.call(REQUEST_COSTS.placeOcoList, (client) => client.newOcoList(ocoListParams(list)), (raw) => parseOrderListReport(raw))
    for (const leg of report.orders) this.seen(leg)
    return report
  }

  /** Cancels an order list by its list client order id. */
  async cancelOrderList(symbol: string, listClientOrderId: string): Promise<OrderListReport> {
    const report = await this.caller.call(REQUEST_COSTS.cancelOrderList, (client) => client.cancelOrderList({ symbol, listClientOrderId }), (raw) => parseOrderListReport(raw))
    for (const leg of report.orders) this.seen(leg)
    return report
  }

  /**
   * Returns the executing order lists of every symbol. Binance's answer names the legs only, so
   * their states come from each symbol's open orders, and a leg missing there from its own query.
   */
  async openOrderLists(): Promise<readonly OrderListReport[]> {
    const raws = await this.caller.call(REQUEST_COSTS.openOrderLists, (client) => client.openOrderLists(), (raw) => rawArray(raw, 'order lists'))
    const refs = raws.flatMap((raw) => listLegRefs(raw))
    const legs: OrderStatusReport[] = []
    for (const symbol of new Set(refs.map((ref) => ref.symbol))) legs.push(...(await this.openOrders(symbol)))
    for (const ref of refs) {
      if (!legs.some((leg) => leg.orderId === ref.orderId)) legs.push(await this.queryOrder({ symbol: ref.symbol, orderId: venueOrderId(ref.orderId) }))
    }
    return raws.map((raw) => parseOrderListReport(raw, legs))
  }

  /**
   * Delivers user-data events (and stream status events) until unsubscribed. The first subscriber
   * opens the stream; it stays open, reconnecting as needed, until `close()`.
   */
  subscribeUserEvents(listener: (event: UserEvent) => void): Unsubscribe {
    this.listeners.add(listener)
    this.stream.start()
    return () => {
      this.listeners.delete(listener)
    }
  }

  /** Delivers a symbol's public trades until unsubscribed. */
  subscribeTrades(symbol: string, listener: (tick: TradeTick) => void): Unsubscribe {
    return this.trades.subscribe(symbol, listener)
  }

  /** Returns the latest `limit` closed candles, oldest first (Binance's last kline, still forming, is left out). */
  async klines(symbol: string, interval: string, limit: number): Promise<readonly Candle[]> {
    const candles = await this.caller.call(REQUEST_COSTS.klines, (client) => client.klines(symbol, interval, Math.min(limit + 1, 1000)), (raw) => {
      const nowMs = this.serverTime.serverNowMs()
      return rawArray(raw, 'klines').map((row) => parseKline(row, symbol, nowMs))
    })
    return candles.filter((candle) => candle.closed).slice(-limit)
  }

  /** Returns the connection's health: stream state, clock offset, rate-limit usage. */
  health(): BinanceHealth {
    const stream = this.stream.status()
    return { userStream: stream.state, lastUserEventMs: stream.lastEventMs, serverOffsetMs: this.serverTime.offsetMs(), rateLimits: this.governor.usage(), openOrders: this.watch.count() }
  }

  /** Closes the user-data stream and the market streams. */
  async close(): Promise<void> {
    this.trades.close()
    await this.stream.stop()
  }

  private deliver(event: UserEvent): void {
    if (event.type === 'execution') this.seen(event.report)
    for (const listener of [...this.listeners]) {
      try {
        listener(event)
      } catch (error) {
        this.logger.error('a user-event listener threw', { type: event.type, error: String(error) })
      }
    }
  }

  private seen(report: OrderStatusReport): OrderStatusReport {
    this.watch.see(report)
    this.remember(report)
    return report
  }

  private remember(report: OrderStatusReport): void {
    this.reports.delete(report.orderId)
    this.reports.set(report.orderId, report)
    if (this.reports.size > MAX_REMEMBERED_REPORTS) {
      const oldest = this.reports.keys().next().value
      if (oldest !== undefined) this.reports.delete(oldest)
    }
  }
}

/** Returns the parameters naming one order: the exchange's id and/or ours (both must then match). */
function refParams(ref: OrderRef): WireParams {
  return {
    symbol: ref.symbol,
    ...(ref.orderId !== undefined ? { orderId: ref.orderId } : {}),
    ...(ref.clientOrderId !== undefined ? { origClientOrderId: ref.clientOrderId } : {})
  }
}

function parseReports(raw: unknown): OrderStatusReport[] {
  return rawArray(raw, 'orders').map(parseOrderStatusReport)
}
