import { Decimal } from '@shared/money/decimal'
import type { FillRecord } from '../journal/journal-records'

/**
 * Returns what a bot owns of each asset: its allocation plus the effect of each recorded fill
 * (a BUY adds base and spends quote, a SELL the reverse, a commission in base or quote is paid
 * from it; one in a third asset such as BNB comes from the account's own holding, not the bot's).
 */
export function botHoldings(allocation: Readonly<Record<string, Decimal>>, baseAsset: string, quoteAsset: string, fills: readonly FillRecord[]): Record<string, Decimal> {
  const owned = new Map<string, Decimal>(Object.entries(allocation))
  const add = (asset: string, amount: Decimal) => owned.set(asset, (owned.get(asset) ?? new Decimal(0)).add(amount))
  for (const fill of fills) {
    const sign = fill.side === 'BUY' ? 1 : -1
    add(baseAsset, new Decimal(fill.quantity).mul(sign))
    add(quoteAsset, new Decimal(fill.quoteQuantity).mul(-sign))
    if (fill.commissionAsset === baseAsset || fill.commissionAsset === quoteAsset) add(fill.commissionAsset, new Decimal(fill.commission).neg())
  }
  return Object.fromEntries(owned)
}
