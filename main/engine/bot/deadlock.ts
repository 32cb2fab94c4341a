import { Decimal } from '@shared/money/decimal'
import type { IntentRecord } from '../journal/journal-records'

/** What a deadlock is: what each side needs, what the bot has, and the trade that rebalances it. */
export interface DeadlockDiagnosis {
  /** Quote the unplaced BUYs need, and what the bot has available. */
  readonly buyNeed: Decimal
  readonly quoteAvailable: Decimal
  /** Base the unplaced SELLs need, and what the bot has available. */
  readonly sellNeed: Decimal
  readonly baseAvailable: Decimal
  /** The rebalancing trade: which side and how much base; none when the split is already right. */
  readonly rebalance: { readonly side: 'BUY' | 'SELL'; readonly quantity: Decimal } | null
  readonly message: string
}

/**
 * Reads a deadlock from the grid placements that failed: it is one when neither side can be
 * funded — the BUYs need more quote than the bot has and the SELLs more base. The rebalance
 * splits the bot's value between quote and base in the proportion the two sides need (valued at
 * the price), so as many orders as possible on both sides can be placed. Pure.
 */
export function diagnoseDeadlock(failed: readonly IntentRecord[], quoteAvailable: Decimal, baseAvailable: Decimal, price: Decimal, quoteAsset: string, baseAsset: string): DeadlockDiagnosis | undefined {
  let buyNeed = new Decimal(0)
  let sellNeed = new Decimal(0)
  for (const intent of failed) {
    const quantity = new Decimal(intent.quantity ?? '0')
    if (intent.side === 'BUY') buyNeed = buyNeed.add(quantity.mul(intent.price ?? '0'))
    else sellNeed = sellNeed.add(quantity)
  }
  if (!buyNeed.gt(quoteAvailable) || !sellNeed.gt(baseAvailable)) return undefined
  const value = quoteAvailable.add(baseAvailable.mul(price))
  const wantQuote = value.mul(buyNeed).div(buyNeed.add(sellNeed.mul(price)))
  const quoteChange = wantQuote.sub(quoteAvailable)
  const quantity = quoteChange.abs().div(price)
  const rebalance = quantity.isZero() ? null : { side: quoteChange.isPositive() ? ('SELL' as const) : ('BUY' as const), quantity }
  const message =
    `deadlock: BUYs need ${buyNeed.toFixed()} ${quoteAsset}, ${quoteAvailable.toFixed()} available; ` +
    `SELLs need ${sellNeed.toFixed()} ${baseAsset}, ${baseAvailable.toFixed()} available` +
    (rebalance === null ? '' : `; rebalancing: ${rebalance.side} about ${rebalance.quantity.toDecimalPlaces(8).toFixed()} ${baseAsset}`)
  return { buyNeed, quoteAvailable, sellNeed, baseAvailable, rebalance, message }
}
