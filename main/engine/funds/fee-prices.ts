import type { Decimal } from '@shared/money/decimal'
import type { Exchange } from '../exchange/port/exchange'

/** Assets Binance can take a commission in besides the traded pair's own (BNB with its fee discount). */
export const FEE_ASSETS: readonly string[] = ['BNB']

/**
 * The last known price of each fee asset in each quote asset the bots trade against, read from
 * the exchange's own market (BNBUSDT for BNB in USDT), so a commission paid in BNB is valued in
 * the quote asset when its fill is recorded. A pair the exchange does not list stays unknown.
 */
export class FeePrices {
  private readonly prices = new Map<string, Decimal>()

  constructor(private readonly exchange: Exchange) {}

  /** Reads the price of every fee asset the account holds in each of `quoteAssets`; unknown pairs are skipped. */
  async refresh(quoteAssets: readonly string[], holds: (asset: string) => boolean): Promise<void> {
    for (const asset of FEE_ASSETS) {
      if (!holds(asset)) continue
      for (const quote of new Set(quoteAssets)) {
        if (quote === asset) continue
        try {
          this.prices.set(`${asset}/${quote}`, await this.exchange.lastPrice(`${asset}${quote}`))
        } catch {
          // No such market (or not reachable now): the commission stays unvalued, and is shown so
        }
      }
    }
  }

  /** Sets a price by hand (a price event, or a test). */
  set(asset: string, quoteAsset: string, price: Decimal): void {
    this.prices.set(`${asset}/${quoteAsset}`, price)
  }

  /** Returns `amount` of `asset` in `quoteAsset` at the last known price, or undefined. */
  value(asset: string, quoteAsset: string, amount: Decimal): Decimal | undefined {
    return this.prices.get(`${asset}/${quoteAsset}`)?.mul(amount)
  }
}
