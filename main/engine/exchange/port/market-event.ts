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
