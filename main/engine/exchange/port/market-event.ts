import type { Decimal } from '@shared/money/decimal'

/** One public trade on a symbol: the market price moving. */
export interface TradeTick {
  readonly symbol: string
  readonly price: Decimal
  readonly quantity: Decimal
  readonly timeMs: number
}

/** One candle of a symbol's klines. */
export interface Candle {
  readonly symbol: string
  readonly openTimeMs: number
  readonly closeTimeMs: number
  readonly open: Decimal
  readonly high: Decimal
  readonly low: Decimal
  readonly close: Decimal
  readonly volume: Decimal
  /** False while the candle is still forming. */
  readonly closed: boolean
}

/** A symbol's average price as Binance's `avgPrice` gives it: the one its price filters are checked against. */
export interface AveragePrice {
  /** The minutes averaged over. */
  readonly mins: number
  readonly price: Decimal
  /** Time of the last trade counted, in epoch milliseconds. */
  readonly closeTimeMs: number
}
