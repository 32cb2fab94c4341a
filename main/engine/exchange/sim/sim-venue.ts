import type { Decimal } from '@shared/money/decimal'
import type { Clock } from '../../clock/clock'
import type { OrderContext, SymbolRules, ExchangeRules } from '../rules'
import type { BalanceBook } from './balance-book'
import type { IdSequence } from './id-sequence'
import type { OrderStore } from './order-store'
import type { UserEventStream } from './user-event-stream'
import { venueErrors } from './venue-errors'

/** Fee rates of the simulated account. */
export interface FeeRates {
  readonly maker: Decimal
  readonly taker: Decimal
}

/**
 * How resting orders fill. `trades`: public trades fill them up to their quantity, and a LIMIT
 * that crosses the last price when placed takes at once (as on the exchange). `candles` (the
 * backtest model): the price sweeps each candle's path and every working LIMIT whose price lies on
 * it fills completely at its own price; an order never takes on placement — it waits for a later
 * candle that reaches its price, even when the candle it was entered in passes it afterwards — and
 * MARKET orders fill at the last price.
 */
export type FillModel = 'trades' | 'candles'

/** The simulator's state, shared by order entry, matching and queries. */
export class SimVenue {
  /** How resting orders fill (see FillModel). */
  fillModel: FillModel = 'trades'
  /**
   * Candles model: the order count when the current candle opened. Orders numbered above it were
   * entered during the candle and neither fill nor trigger before the next one; undefined before
   * any candle opened.
   */
  candleOrderMark: number | undefined = undefined

  constructor(
    readonly rules: ExchangeRules,
    readonly clock: Clock,
    readonly balances: BalanceBook,
    readonly store: OrderStore,
    readonly stream: UserEventStream,
    readonly ids: IdSequence,
    readonly fees: FeeRates,
    readonly lastPrices: Map<string, Decimal>
  ) {}

  /** Returns a symbol's rules, or throws -1121 for an unknown symbol. */
  symbol(symbol: string): SymbolRules {
    const rules = this.rules.symbols.get(symbol)
    if (rules === undefined) throw venueErrors.invalidSymbol()
    return rules
  }

  /** Returns the last price, or throws -1112 when nothing has traded on the symbol. */
  lastPrice(symbol: string): Decimal {
    const price = this.lastPrices.get(symbol)
    if (price === undefined) throw venueErrors.noDepth()
    return price
  }

  /** Returns what validateOrder needs to check one more order on the symbol. */
  orderContext(rules: SymbolRules): OrderContext {
    const base = this.balances.balance(rules.baseAsset)
    const openBuys = this.store
      .openOrders(rules.symbol)
      .filter((order) => order.side === 'BUY')
      .reduce((sum, order) => sum.add(order.origQty.sub(order.executedQty)), base.free.add(base.locked))
    const referencePrice = this.lastPrices.get(rules.symbol)
    return {
      ...this.store.counts(rules.symbol),
      ...(referencePrice !== undefined ? { referencePrice } : {}),
      basePosition: openBuys,
      exchangeFilters: this.rules.exchangeFilters
    }
  }

  /** Returns true when the order was entered before the current candle opened (always, outside the candles model). */
  enteredBeforeCandle(orderId: string): boolean {
    return this.fillModel !== 'candles' || this.candleOrderMark === undefined || Number(orderId) <= this.candleOrderMark
  }

  /** Returns the clock's time. */
  nowMs(): number {
    return this.clock.nowMs()
  }
}
