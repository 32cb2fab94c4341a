import { Decimal } from '@shared/money/decimal'
import type { SymbolRules } from '../exchange/rules/symbol-rules'
import type { IntentRecord } from '../journal/journal-records'

/** What an order may spend: one asset and an amount. */
export interface FundsNeed {
  readonly asset: string
  readonly amount: Decimal
}

// A MARKET BUY by quantity costs what the book asks when it arrives; reserve this much above the last price (unless the bot says otherwise)
export const MARKET_BUY_HEADROOM = new Decimal('1.02')

/**
 * Returns what an intent's order may take from the account: a SELL its base quantity; a priced
 * BUY price × quantity of quote; a MARKET BUY its quoteOrderQty, or quantity × last price ×
 * `headroom` (the bot's configured one, 1.02 by default).
 */
export function fundsNeeded(intent: IntentRecord, rules: SymbolRules, lastPrice: Decimal | undefined, headroom: Decimal = MARKET_BUY_HEADROOM): FundsNeed {
  const quantity = intent.quantity === null ? undefined : new Decimal(intent.quantity)
  if (intent.side === 'SELL') {
    if (quantity === undefined) throw new Error(`SELL intent ${intent.intentId} has no quantity`)
    return { asset: rules.baseAsset, amount: quantity }
  }
  if (intent.quoteOrderQty !== null) return { asset: rules.quoteAsset, amount: new Decimal(intent.quoteOrderQty) }
  if (quantity === undefined) throw new Error(`BUY intent ${intent.intentId} has neither quantity nor quoteOrderQty`)
  if (intent.type !== 'MARKET') {
    if (intent.price === null) throw new Error(`${intent.type} intent ${intent.intentId} has no price`)
    return { asset: rules.quoteAsset, amount: quantity.mul(intent.price) }
  }
  if (lastPrice === undefined) throw new Error(`MARKET BUY intent ${intent.intentId} needs the last price`)
  return { asset: rules.quoteAsset, amount: quantity.mul(lastPrice).mul(headroom) }
}
