import type { Decimal } from '@shared/money/decimal'
import type { Clock } from '../../clock/clock'
import type { ExchangeRules } from '../rules'
import type { SimFaultOptions } from './sim-faults'
import type { FillModel } from './sim-venue'

/** How to build a SimExchange. */
export interface SimExchangeOptions {
  /** The symbols and filters the simulator enforces. */
  readonly rules: ExchangeRules
  /** Every timestamp and every stream delay comes from this clock. */
  readonly clock: Clock
  /** Starting free balance per asset, as exact decimal text. */
  readonly balances: Readonly<Record<string, string>>
  /** Commission rate of maker fills (0.001 = 0.1 %). */
  readonly makerFee: Decimal
  /** Commission rate of taker fills. */
  readonly takerFee: Decimal
  /** Initial last price per symbol, as exact decimal text; a symbol without one takes no orders until it trades. */
  readonly prices: Readonly<Record<string, string>>
  /** Fault settings at the start (all off when absent). */
  readonly faults?: SimFaultOptions
  /** How resting orders fill: by public trades (the default), or by candle sweeps (backtests; see FillModel). */
  readonly fillModel?: FillModel
  /**
   * How commissions are paid: in the asset received (Binance's rule, the default), or in BNB at a
   * discount whenever the account holds enough BNB (`bnbBurn`). BNB's price in a quote asset is
   * the last price of BNB<quote> when that symbol trades here, else `bnbPrices` (exact decimal text).
   */
  readonly commission?: { readonly bnbBurn?: boolean; readonly bnbDiscount?: string; readonly bnbPrices?: Readonly<Record<string, string>> }
  /** Seed of every random fault; the same seed and calls give the same run. */
  readonly seed?: number
}
