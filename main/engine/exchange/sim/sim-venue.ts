import type { Decimal } from '@shared/money/decimal'
import type { Clock } from '../../clock/clock'
import type { AveragePrice } from '../port/market-event'
import type { OrderContext, SymbolRules, ExchangeRules } from '../rules'
import type { BalanceBook } from './balance-book'
import type { CommissionSettings } from './commission'
import type { IdSequence } from './id-sequence'
import type { KlineBook } from './kline-book'
import type { OrderStore } from './order-store'
import type { SimFaults } from './sim-faults'
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

// Binance's avgPrice window when a symbol's filters name none
const DEFAULT_AVG_PRICE_MINS = 5

/** What the simulator's state is built from. */
export interface SimVenueParts {
  readonly rules: ExchangeRules
  readonly clock: Clock
  readonly balances: BalanceBook
  readonly store: OrderStore
  readonly stream: UserEventStream
  readonly ids: IdSequence
  readonly fees: FeeRates
  readonly lastPrices: Map<string, Decimal>
  readonly klines: KlineBook
  readonly faults: SimFaults
  readonly commission: CommissionSettings
}

/** The simulator's state, shared by order entry, matching and queries. */
export class SimVenue {
  /** How resting orders fill (see FillModel). */
  fillModel: FillModel = 'trades'
  readonly clock: Clock
  readonly balances: BalanceBook
  readonly store: OrderStore
  readonly stream: UserEventStream
  readonly ids: IdSequence
  readonly fees: FeeRates
  readonly lastPrices: Map<string, Decimal>
  readonly klines: KlineBook
  readonly faults: SimFaults
  readonly commission: CommissionSettings
  /** When each symbol last traded (for avgPrice's closeTime). */
  readonly lastTradeMs = new Map<string, number>()
  private currentRules: ExchangeRules
  /**
   * Candles model: the order count when the current candle opened. Orders numbered above it were
   * entered during the candle and neither fill nor trigger before the next one; undefined before
   * any candle opened.
   */
  candleOrderMark: number | undefined = undefined

  constructor(parts: SimVenueParts) {
    this.currentRules = parts.rules
    this.clock = parts.clock
    this.balances = parts.balances
    this.store = parts.store
    this.stream = parts.stream
    this.ids = parts.ids
    this.fees = parts.fees
    this.lastPrices = parts.lastPrices
    this.klines = parts.klines
    this.faults = parts.faults
    this.commission = parts.commission
  }

  /** The rules in force now (a status or rules change replaces a symbol's entry). */
  get rules(): ExchangeRules {
    return this.currentRules
  }

  /** Puts new rules of one known symbol in force; resting orders are not touched. */
  replaceSymbol(rules: SymbolRules): void {
    if (!this.currentRules.symbols.has(rules.symbol)) throw new RangeError(`unknown symbol ${rules.symbol}`)
    const symbols = new Map(this.currentRules.symbols)
    symbols.set(rules.symbol, rules)
    this.currentRules = { ...this.currentRules, symbols }
  }

  /** Returns a symbol's rules, or throws -1121 for an unknown symbol. */
  symbol(symbol: string): SymbolRules {
    const rules = this.currentRules.symbols.get(symbol)
    if (rules === undefined) throw venueErrors.invalidSymbol()
    return rules
  }

  /** Returns true while the symbol's status lets its book trade. */
  isTrading(symbol: string): boolean {
    return this.currentRules.symbols.get(symbol)?.status === 'TRADING'
  }

  /** Returns the self-trade prevention mode orders of the symbol get (its default; NONE when it names none). */
  stpMode(symbol: string): string {
    return this.symbol(symbol).defaultSelfTradePreventionMode ?? 'NONE'
  }

  /** Returns the last price, or throws -1112 when nothing has traded on the symbol. */
  lastPrice(symbol: string): Decimal {
    const price = this.lastPrices.get(symbol)
    if (price === undefined) throw venueErrors.noDepth()
    return price
  }

  /**
   * Returns the symbol's average price as Binance computes it: the volume-weighted price of the
   * trades of its avgPriceMins (PERCENT_PRICE_BY_SIDE's, else PERCENT_PRICE's or the notional
   * filters'), the last price when they traded nothing or avgPriceMins is 0; undefined before any price.
   */
  averagePrice(symbol: string): AveragePrice | undefined {
    const last = this.lastPrices.get(symbol)
    if (last === undefined) return undefined
    const filters = this.symbol(symbol).filters
    const mins = filters.percentPriceBySide?.avgPriceMins ?? filters.percentPrice?.avgPriceMins ?? filters.notional?.avgPriceMins ?? filters.minNotional?.avgPriceMins ?? DEFAULT_AVG_PRICE_MINS
    const nowMs = this.nowMs()
    const price = mins > 0 ? (this.klines.averagePrice(symbol, mins, nowMs) ?? last) : last
    return { mins, price, closeTimeMs: this.lastTradeMs.get(symbol) ?? nowMs }
  }

  /** Returns what validateOrder needs to check one more order on the symbol. */
  orderContext(rules: SymbolRules): OrderContext {
    const base = this.balances.balance(rules.baseAsset)
    const openBuys = this.store
      .openOrders(rules.symbol)
      .filter((order) => order.side === 'BUY')
      .reduce((sum, order) => sum.add(order.origQty.sub(order.executedQty)), base.free.add(base.locked))
    const referencePrice = this.averagePrice(rules.symbol)?.price
    return {
      ...this.store.counts(rules.symbol),
      ...(referencePrice !== undefined ? { referencePrice } : {}),
      basePosition: openBuys,
      exchangeFilters: this.currentRules.exchangeFilters
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
