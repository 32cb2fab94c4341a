import type { FillRecord } from '../../main/engine/journal'
import type { AccountTrade } from './exchange-history'

/** Describes a trade of the exchange with what the journal says about it, for violation lines. */
export function describeTrade(trade: AccountTrade, fill: FillRecord | undefined): string {
  const claim =
    fill === undefined
      ? 'not in the journal'
      : fill.hedgeNote !== null
        ? `journal: ${fill.hedgeNote}`
        : fill.counterIntentId !== null
          ? `journal: answered by ${fill.counterIntentId}`
          : 'journal: unanswered'
  return `trade ${trade.tradeId} (${trade.side} ${trade.quantity.toFixed()} @ ${trade.price.toFixed()} of ${trade.orderClientId}; ${claim})`
}
