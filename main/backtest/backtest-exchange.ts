import type { Decimal } from '@shared/money/decimal'
import type { Clock } from '../engine/clock/clock'
import type { AccountSnapshot } from '../engine/exchange/port/account'
import type { BookTicker } from '../engine/exchange/port/book-ticker'
import type { Exchange, OrderHistoryQuery, TradeQuery, Unsubscribe } from '../engine/exchange/port/exchange'
import type { AveragePrice, Candle, TradeTick } from '../engine/exchange/port/market-event'
import type { NewOcoList, NewOrder, OrderRef } from '../engine/exchange/port/new-order'
import type { OrderListReport } from '../engine/exchange/port/order-list-report'
import type { FillReport, OrderStatusReport } from '../engine/exchange/port/order-report'
import type { UserEvent } from '../engine/exchange/port/user-event'
import type { ExchangeRules } from '../engine/exchange/rules'
import type { SimExchange } from '../engine/exchange/sim/sim-exchange'
import type { CandleSeries } from '../klines/candle-series'
import { closedCandlesBefore } from './series-klines'

/**
 * The exchange a backtest trades on: the simulator (candles fill model) for the account and its
 * orders, and the historical series for the klines, so the bot reads the market exactly as the
 * candles were, up to the virtual clock's time.
 */
export class BacktestExchange implements Exchange {
  constructor(
    private readonly sim: SimExchange,
    private readonly series: CandleSeries,
    private readonly symbol: string,
    private readonly clock: Clock
  ) {}

  /** Closed candles of the series (built to `interval` from finer ones) before the clock's time; a closed candle never changes, so each is built once. */
  async klines(symbol: string, interval: string, limit: number): Promise<readonly Candle[]> {
    if (symbol !== this.symbol) return this.sim.klines(symbol, interval, limit)
    let built = this.built.get(interval)
    if (built === undefined) this.built.set(interval, (built = new Map()))
    const cache = built
    return closedCandlesBefore(this.series, symbol, interval, limit, this.clock.nowMs(), (openTimeMs, make) => {
      let candle = cache.get(openTimeMs)
      if (candle === undefined) cache.set(openTimeMs, (candle = make()))
      return candle
    })
  }

  private readonly built = new Map<string, Map<number, Candle>>()

  exchangeInfo(symbols?: readonly string[]): Promise<ExchangeRules> {
    return this.sim.exchangeInfo(symbols)
  }

  serverTimeMs(): Promise<number> {
    return this.sim.serverTimeMs()
  }

  account(): Promise<AccountSnapshot> {
    return this.sim.account()
  }

  lastPrice(symbol: string): Promise<Decimal> {
    return this.sim.lastPrice(symbol)
  }

  avgPrice(symbol: string): Promise<AveragePrice> {
    return this.sim.avgPrice(symbol)
  }

  bookTicker(symbol: string): Promise<BookTicker> {
    return this.sim.bookTicker(symbol)
  }

  placeOrder(order: NewOrder): Promise<OrderStatusReport> {
    return this.sim.placeOrder(order)
  }

  cancelOrder(ref: OrderRef): Promise<OrderStatusReport> {
    return this.sim.cancelOrder(ref)
  }

  cancelAllOrders(symbol: string): Promise<readonly OrderStatusReport[]> {
    return this.sim.cancelAllOrders(symbol)
  }

  queryOrder(ref: OrderRef): Promise<OrderStatusReport> {
    return this.sim.queryOrder(ref)
  }

  openOrders(symbol: string): Promise<readonly OrderStatusReport[]> {
    return this.sim.openOrders(symbol)
  }

  allOrders(query: OrderHistoryQuery): Promise<readonly OrderStatusReport[]> {
    return this.sim.allOrders(query)
  }

  myTrades(query: TradeQuery): Promise<readonly FillReport[]> {
    return this.sim.myTrades(query)
  }

  placeOcoList(list: NewOcoList): Promise<OrderListReport> {
    return this.sim.placeOcoList(list)
  }

  cancelOrderList(symbol: string, listClientOrderId: string): Promise<OrderListReport> {
    return this.sim.cancelOrderList(symbol, listClientOrderId)
  }

  openOrderLists(): Promise<readonly OrderListReport[]> {
    return this.sim.openOrderLists()
  }

  subscribeUserEvents(listener: (event: UserEvent) => void): Unsubscribe {
    return this.sim.subscribeUserEvents(listener)
  }

  subscribeTrades(symbol: string, listener: (tick: TradeTick) => void): Unsubscribe {
    return this.sim.subscribeTrades(symbol, listener)
  }
}
