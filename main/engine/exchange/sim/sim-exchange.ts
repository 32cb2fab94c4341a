import { Decimal } from '@shared/money/decimal'
import { parseAmount, parsePositive } from './amount-text'
import { isGridkeeperError } from '@shared/errors/gridkeeper-error'
import { ExchangeRejectedError } from '../errors/exchange-rejected-error'
import { ExchangeRetryableError } from '../errors/exchange-retryable-error'
import type { AccountSnapshot } from '../port/account'
import type { BookTicker } from '../port/book-ticker'
import type { Exchange, OrderHistoryQuery, TradeQuery, Unsubscribe } from '../port/exchange'
import type { AveragePrice, Candle, TradeTick } from '../port/market-event'
import type { NewOcoList, NewOrder, OrderRef } from '../port/new-order'
import type { OrderListReport } from '../port/order-list-report'
import type { FillReport, OrderStatusReport } from '../port/order-report'
import type { UserEvent } from '../port/user-event'
import { priceStep, type ExchangeRules } from '../rules'
import { activePricesOf, type ActivePrices } from './active-prices'
import { BalanceBook } from './balance-book'
import { candlePath } from './candle-path'
import { DEFAULT_BNB_DISCOUNT } from './commission'
import { pageLimit, selectOrders, selectTrades } from './history-query'
import { IdSequence } from './id-sequence'
import { KLINE_INTERVALS_MS, KlineBook, type MinuteTrades } from './kline-book'
import { Matcher } from './matcher'
import { enterOcoList } from './oco-entry'
import { enterOrder } from './order-entry'
import { OrderStore } from './order-store'
import type { SimExchangeOptions } from './sim-exchange-options'
import { SimFaults, type FaultableMethod } from './sim-faults'
import { isListOpen, orderListReport } from './sim-order-list'
import { isOpen, orderReport, type SimOrder } from './sim-order'
import { SimVenue } from './sim-venue'
import { ExchangeWorld } from './exchange-world'
import { TradeFeed } from './trade-feed'
import { UserEventStream } from './user-event-stream'
import { venueErrors } from './venue-errors'
import { applyWorldEvent, gapPrice } from './world-events'

/**
 * An in-process Binance Spot matching engine behind the engine's Exchange port, for backtests,
 * unit tests and chaos runs. Prices move only when it is driven with `trade` or `candle`; time
 * comes from the injected clock; every failure is one of the port's typed errors; user events
 * arrive asynchronously and in order; faults are injected through `faults` and the stream controls.
 */
export class SimExchange implements Exchange {
  /** Fault injection and its counters. */
  readonly faults: SimFaults
  /** What happens on the exchange that the engine did not ask for (see ExchangeWorld). */
  readonly world: ExchangeWorld
  private readonly venue: SimVenue
  private readonly matcher: Matcher
  private readonly tradeFeed = new TradeFeed()

  constructor(options: SimExchangeOptions) {
    this.faults = new SimFaults(options.faults, options.seed ?? 1)
    const lastPrices = new Map<string, Decimal>()
    for (const [symbol, text] of Object.entries(options.prices)) {
      if (!options.rules.symbols.has(symbol)) throw new RangeError(`price given for unknown symbol ${symbol}`)
      lastPrices.set(symbol, parsePositive(text, `price of ${symbol}`))
    }
    const balances: Record<string, Decimal> = {}
    for (const [asset, text] of Object.entries(options.balances)) balances[asset] = parseAmount(text, `balance of ${asset}`)
    const stream = new UserEventStream(options.clock, this.faults)
    const commission = options.commission ?? {}
    this.venue = new SimVenue({
      rules: options.rules,
      clock: options.clock,
      balances: new BalanceBook(balances, options.clock.nowMs()),
      store: new OrderStore(),
      stream,
      ids: new IdSequence(),
      fees: { maker: options.makerFee, taker: options.takerFee },
      lastPrices,
      klines: new KlineBook(),
      faults: this.faults,
      commission: {
        bnbBurn: commission.bnbBurn ?? false,
        bnbDiscount: commission.bnbDiscount === undefined ? DEFAULT_BNB_DISCOUNT : parseAmount(commission.bnbDiscount, 'BNB discount'),
        bnbPrices: new Map(Object.entries(commission.bnbPrices ?? {}).map(([asset, text]) => [asset, parsePositive(text, `BNB price in ${asset}`)]))
      }
    })
    this.venue.fillModel = options.fillModel ?? 'trades'
    this.matcher = new Matcher(this.venue)
    this.world = new ExchangeWorld(this.venue, this.matcher, (symbol, price, quantity) => this.print(symbol, price, quantity), balances, options.seed ?? 1)
  }

  /** Returns the rules of the given symbols (all when omitted); an unknown symbol is -1121. */
  async exchangeInfo(symbols?: readonly string[]): Promise<ExchangeRules> {
    this.guard('exchangeInfo')
    const rules = this.venue.rules
    if (symbols === undefined) return rules
    return { ...rules, symbols: new Map(symbols.map((symbol) => [symbol, this.venue.symbol(symbol)])) }
  }

  /** Returns the rules in force now, without the port's faults (for a server that serves them). */
  currentRules(): ExchangeRules {
    return this.venue.rules
  }

  /** Returns the clock's time. */
  async serverTimeMs(): Promise<number> {
    this.guard('serverTimeMs')
    return this.venue.nowMs()
  }

  /** Returns every asset's free and locked balance. */
  async account(): Promise<AccountSnapshot> {
    this.guard('account')
    const balances = this.venue.balances
    return { balances: new Map(balances.all().map((balance) => [balance.asset, balance])), updatedAtMs: balances.updatedAtMs(), canTrade: true }
  }

  /** Returns the last traded price; -1121 for an unknown symbol, -1112 before any trade. */
  async lastPrice(symbol: string): Promise<Decimal> {
    this.guard('lastPrice')
    this.venue.symbol(symbol)
    return this.venue.lastPrice(symbol)
  }

  /** Returns the average price the symbol's price filters are checked against (see SimVenue.averagePrice); -1112 before any price. */
  async avgPrice(symbol: string): Promise<AveragePrice> {
    this.guard('avgPrice')
    this.venue.symbol(symbol)
    const average = this.venue.averagePrice(symbol)
    if (average === undefined) throw venueErrors.noDepth()
    return average
  }

  /**
   * Returns a book one tick either side of the last price, as the paper server draws it: the
   * simulator trades at the last price, so a LIMIT at the best ask (or bid) crosses it and takes
   * at once, as on the exchange. -1112 before any trade.
   */
  async bookTicker(symbol: string): Promise<BookTicker> {
    this.guard('bookTicker')
    const tick = priceStep(this.venue.symbol(symbol))
    const last = this.venue.lastPrice(symbol)
    return { bid: Decimal.max(last.sub(tick), tick), ask: last.add(tick) }
  }

  /** Places one order; the injected placement faults apply here. */
  async placeOrder(order: NewOrder): Promise<OrderStatusReport> {
    this.guard('placeOrder')
    const fault = this.faults.placementFault(order.price !== undefined)
    switch (fault?.kind) {
      case 'rate-limit':
        throw new ExchangeRetryableError('rate-limit', -1015, fault.retryAfterMs, 'Too many new orders; current limit is 50 orders per 10 SECOND.')
      case 'reject':
      case 'reject-mix':
        throw new ExchangeRejectedError(fault.code, fault.message)
      case 'timeout-before-accept':
        throw venueErrors.timeout()
      case 'timeout-after-accept':
        try {
          enterOrder(this.venue, this.matcher, order)
        } catch (error) {
          // The caller cannot tell a refused order from a placed one behind a timeout
          if (!isGridkeeperError(error)) throw error
        }
        throw venueErrors.timeout()
      case undefined:
        return orderReport(enterOrder(this.venue, this.matcher, order))
    }
  }

  /** Cancels one open order (a leg cancels its whole list); -2011 when it is not open. */
  async cancelOrder(ref: OrderRef): Promise<OrderStatusReport> {
    this.guard('cancelOrder')
    const fault = this.faults.cancelFault()
    if (fault === 'timeout-before-apply') throw venueErrors.timeout()
    this.venue.symbol(ref.symbol)
    const order = this.venue.store.find(ref)
    if (order === undefined || !isOpen(order)) throw venueErrors.unknownOrderSent()
    this.cancelOne(order)
    if (fault === 'timeout-after-apply') throw venueErrors.timeout()
    return orderReport(order)
  }

  /** Cancels every open order and list of a symbol; -2011 when nothing is open, as Binance answers. */
  async cancelAllOrders(symbol: string): Promise<readonly OrderStatusReport[]> {
    this.guard('cancelAllOrders')
    this.venue.symbol(symbol)
    const open = [...this.venue.store.openOrders(symbol)]
    if (open.length === 0) throw venueErrors.unknownOrderSent()
    for (const order of open) if (isOpen(order)) this.cancelOne(order)
    return open.map(orderReport)
  }

  /** Returns an order by id or client order id (the latest with it); -2013 when unknown. */
  async queryOrder(ref: OrderRef): Promise<OrderStatusReport> {
    this.guard('queryOrder')
    this.venue.symbol(ref.symbol)
    const order = this.venue.store.find(ref)
    if (order === undefined) throw venueErrors.orderDoesNotExist()
    return orderReport(order)
  }

  /** Returns the open orders of a symbol, oldest first. */
  async openOrders(symbol: string): Promise<readonly OrderStatusReport[]> {
    this.guard('openOrders')
    this.venue.symbol(symbol)
    return this.venue.store.openOrders(symbol).map(orderReport)
  }

  /** Returns past and open orders of a symbol, oldest first (see selectOrders). */
  async allOrders(query: OrderHistoryQuery): Promise<readonly OrderStatusReport[]> {
    this.guard('allOrders')
    this.venue.symbol(query.symbol)
    return selectOrders(this.venue.store.allOrders(query.symbol), query).map(orderReport)
  }

  /** Returns our trades of a symbol, oldest first (see selectTrades). */
  async myTrades(query: TradeQuery): Promise<readonly FillReport[]> {
    this.guard('myTrades')
    this.venue.symbol(query.symbol)
    return selectTrades(this.venue.store.fillsOf(query.symbol), query)
  }

  /** Places an OCO list. */
  async placeOcoList(list: NewOcoList): Promise<OrderListReport> {
    this.guard('placeOcoList')
    return orderListReport(enterOcoList(this.venue, this.matcher, list))
  }

  /** Cancels an executing order list; -2011 when none has that id. */
  async cancelOrderList(symbol: string, listClientOrderId: string): Promise<OrderListReport> {
    this.guard('cancelOrderList')
    this.venue.symbol(symbol)
    const list = this.venue.store.openListByClientId(listClientOrderId)
    if (list === undefined || list.symbol !== symbol) throw venueErrors.unknownOrderSent()
    this.matcher.cancelList(list)
    this.matcher.endChange()
    return orderListReport(list)
  }

  /** Returns every executing order list, oldest first. */
  async openOrderLists(): Promise<readonly OrderListReport[]> {
    this.guard('openOrderLists')
    return this.venue.store.openLists().map(orderListReport)
  }

  /** Adds a user-event listener. */
  subscribeUserEvents(listener: (event: UserEvent) => void): Unsubscribe {
    return this.venue.stream.subscribe(listener)
  }

  /** Adds a listener of a symbol's public trades. */
  subscribeTrades(symbol: string, listener: (tick: TradeTick) => void): Unsubscribe {
    return this.tradeFeed.subscribe(symbol, listener)
  }

  /** Returns closed candles built from the trades seen; -1120 for an unknown interval, -1130 for a bad limit. */
  async klines(symbol: string, interval: string, limit: number): Promise<readonly Candle[]> {
    this.guard('klines')
    this.venue.symbol(symbol)
    const intervalMs = KLINE_INTERVALS_MS[interval]
    if (intervalMs === undefined) throw venueErrors.invalidInterval()
    return this.venue.klines.closedCandles(symbol, intervalMs, pageLimit(limit), this.venue.nowMs())
  }

  /**
   * Prints one public trade at the clock's time: it becomes the last price, fills resting orders
   * up to its quantity, fires stops, and goes to trade subscribers and the klines (while the
   * symbol is not TRADING only the price moves). A random world event may come with it: a gap
   * moves its price first; the others act after it. Returns true when it changed the account
   * (filled or triggered an order, or a world event acted); false when it only moved the last
   * price and the klines, which `restoreTrades` can then bring back without it.
   */
  trade(symbol: string, price: Decimal, quantity: Decimal): boolean {
    if (!this.venue.rules.symbols.has(symbol)) throw new RangeError(`trade on unknown symbol ${symbol}`)
    if (!price.isPositive() || price.isZero()) throw new RangeError(`trade price must be positive, got ${price.toFixed()}`)
    if (quantity.isNegative()) throw new RangeError(`trade quantity must not be negative, got ${quantity.toFixed()}`)
    this.world.tick()
    const event = this.faults.worldEvent()
    if (event?.kind === 'gap') {
      this.faults.countWorld('gaps')
      return this.printAndMatch(symbol, gapPrice(this.venue, symbol, price, event), new Decimal(0))
    }
    const acted = this.printAndMatch(symbol, price, quantity)
    if (event === undefined) return acted
    applyWorldEvent(this.venue, this.world, symbol, event)
    return true
  }

  /** The market gaps to `price` with a print of no volume: the last price jumps, the average price lags (see ExchangeWorld.gap). */
  gap(symbol: string, price: Decimal): boolean {
    return this.world.gap(symbol, price, (name, at, quantity) => this.printAndMatch(name, at, quantity))
  }

  /**
   * Brings back trades of one minute that changed nothing but the market, merged (`timeMs` is the
   * last one's time): they go to the klines and their close becomes the last price, exactly as
   * `trade` did with each; orders, balances and trade subscribers are not touched.
   */
  restoreTrades(symbol: string, trades: MinuteTrades, timeMs: number): void {
    if (!this.venue.rules.symbols.has(symbol)) throw new RangeError(`trades on unknown symbol ${symbol}`)
    if (!trades.close.isPositive() || trades.close.isZero()) throw new RangeError(`trade price must be positive, got ${trades.close.toFixed()}`)
    this.venue.lastPrices.set(symbol, trades.close)
    this.venue.lastTradeMs.set(symbol, timeMs)
    this.venue.klines.restore(symbol, trades, timeMs)
  }

  /** Sets the last price a restored action saw, as it was when the action first ran. */
  restoreLastPrice(symbol: string, price: Decimal): void {
    if (!this.venue.rules.symbols.has(symbol)) throw new RangeError(`price of unknown symbol ${symbol}`)
    if (!price.isPositive() || price.isZero()) throw new RangeError(`price must be positive, got ${price.toFixed()}`)
    this.venue.lastPrices.set(symbol, price)
  }

  /** Returns the last price without the port's faults or errors (undefined before any), for recording it. */
  knownLastPrice(symbol: string): Decimal | undefined {
    return this.venue.lastPrices.get(symbol)
  }

  /**
   * Replays a candle at the clock's time along its path (see candlePath): as four trades, its
   * volume split evenly, in the trades fill model; in the candles model the candle opens (see
   * openCandle), the price jumps to the open (a gap fills nothing) and sweeps open → low/high →
   * high/low → close.
   */
  candle(candle: Candle): void {
    if (this.venue.fillModel === 'trades') {
      const quantity = candle.volume.div(4)
      for (const price of candlePath(candle)) this.trade(candle.symbol, price, quantity)
      return
    }
    this.openCandle()
    const [open, ...rest] = candlePath(candle)
    this.jumpTo(candle.symbol, open)
    let from = open
    for (const to of rest) {
      this.sweep(candle.symbol, from, to)
      from = to
    }
  }

  /**
   * Candle fill model: a new candle begins. Orders entered from now on cannot fill or trigger
   * before the next one opens, however far the rest of this candle moves: the candle's path says
   * where the price went, not when an order entered during it would have met it.
   */
  openCandle(): void {
    if (this.venue.fillModel !== 'candles') throw new Error('openCandle belongs to the candles fill model')
    this.venue.candleOrderMark = this.venue.ids.orderCount()
  }

  /**
   * Candle fill model: moves the last price from `from` to `to`, filling every working LIMIT on the
   * way at its own price and triggering every stop the move meets (see Matcher.sweep); the move
   * goes to the klines and the trade subscribers as one trade at `to`.
   */
  sweep(symbol: string, from: Decimal, to: Decimal): void {
    if (this.venue.fillModel !== 'candles') throw new Error('sweep belongs to the candles fill model')
    if (!this.venue.rules.symbols.has(symbol)) throw new RangeError(`sweep on unknown symbol ${symbol}`)
    const timeMs = this.venue.nowMs()
    this.matcher.sweep(symbol, from, to)
    this.venue.klines.record(symbol, to, new Decimal(0), timeMs)
    this.venue.lastTradeMs.set(symbol, timeMs)
    this.tradeFeed.publish({ symbol, price: to, quantity: new Decimal(0), timeMs })
  }

  /** Sets the last price without any trade or fill: the market moved while nothing was seen (a gap, skipped candles). */
  jumpTo(symbol: string, price: Decimal): void {
    if (!this.venue.rules.symbols.has(symbol)) throw new RangeError(`price for unknown symbol ${symbol}`)
    if (!price.isPositive() || price.isZero()) throw new RangeError(`price must be positive, got ${price.toFixed()}`)
    this.venue.lastPrices.set(symbol, price)
  }

  /**
   * The prices at which the resting book of a symbol can act, for a backtest to skip candles that
   * touch none: the highest working BUY and lowest working SELL limit, the highest trigger of a
   * stop that fires on a fall and the lowest of one that fires on a rise.
   */
  activePrices(symbol: string): ActivePrices {
    return activePricesOf(this.venue.store.openOrders(symbol))
  }

  /** How many user events wait for delivery (a backtest drains them before it moves on). */
  pendingUserEvents(): number {
    return this.venue.stream.pendingCount()
  }

  /** Stops user events without notice (a silently dead stream). */
  silenceStream(): void {
    this.venue.stream.silence()
  }

  /** Lets user events flow again after `silenceStream`. */
  restoreStream(): void {
    this.venue.stream.restore()
  }

  /** Drops the user stream with a 'disconnected' notice; events until `reconnectStream` are lost. */
  disconnectStream(reason = 'simulated disconnect'): void {
    this.venue.stream.disconnect(reason)
  }

  /** Brings the user stream back with a 'connected' notice. */
  reconnectStream(reason = 'simulated reconnect'): void {
    this.venue.stream.reconnect(reason)
  }

  private printAndMatch(symbol: string, price: Decimal, quantity: Decimal): boolean {
    this.print(symbol, price, quantity)
    return this.venue.isTrading(symbol) && this.matcher.onTrade(symbol, price, quantity) > 0
  }

  private print(symbol: string, price: Decimal, quantity: Decimal): void {
    const timeMs = this.venue.nowMs()
    this.venue.lastPrices.set(symbol, price)
    this.venue.lastTradeMs.set(symbol, timeMs)
    this.venue.klines.record(symbol, price, quantity, timeMs)
    this.tradeFeed.publish({ symbol, price, quantity, timeMs })
  }

  private cancelOne(order: SimOrder): void {
    const list = order.orderListId === undefined ? undefined : this.venue.store.list(order.orderListId)
    if (list !== undefined && isListOpen(list)) this.matcher.cancelList(list)
    else this.matcher.cancel(order)
    this.matcher.endChange()
  }

  private guard(method: FaultableMethod): void {
    this.world.tick()
    const error = this.faults.takeFailure(method)
    if (error !== undefined) throw error
    if (this.faults.timestampRefusal(method, this.venue.nowMs())) throw venueErrors.timestampOutsideRecvWindow()
  }
}
