import type { Decimal } from '@shared/money/decimal'

/** One asset's balance: free to use, and locked in open orders. */
export interface Balance {
  readonly asset: string
  readonly free: Decimal
  readonly locked: Decimal
}

/** The account's balances at one moment. */
export interface AccountSnapshot {
  readonly balances: ReadonlyMap<string, Balance>
  readonly updatedAtMs: number
  /** Whether the key may trade (Binance `canTrade`). */
  readonly canTrade: boolean
}
