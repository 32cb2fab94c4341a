import type { SQLInputValue } from 'node:sqlite'
import { type JournalRow, readBoolean, readInteger, readMember, readNullableText, readText } from './column-readers'
import { exactDecimalText } from './exact-decimal-text'
import type { FillRecord } from './journal-records'
import { SIDES } from './side-members'

const TABLE = 'fills'

/** Returns the statement parameters that store a fill; money must be exact decimal text. */
export function fillParameters(fill: FillRecord): Record<string, SQLInputValue> {
  return {
    symbol: fill.symbol,
    tradeId: fill.tradeId,
    orderId: fill.orderId,
    clientOrderId: fill.clientOrderId,
    botId: fill.botId,
    side: fill.side,
    price: exactDecimalText(fill.price, TABLE, 'price'),
    quantity: exactDecimalText(fill.quantity, TABLE, 'quantity'),
    quoteQuantity: exactDecimalText(fill.quoteQuantity, TABLE, 'quoteQuantity'),
    commission: exactDecimalText(fill.commission, TABLE, 'commission'),
    commissionAsset: fill.commissionAsset,
    isMaker: fill.isMaker ? 1 : 0,
    timeMs: fill.timeMs,
    counterIntentId: fill.counterIntentId,
    hedgeNote: fill.hedgeNote,
    commissionQuote: fill.commissionQuote === undefined || fill.commissionQuote === null ? null : exactDecimalText(fill.commissionQuote, TABLE, 'commissionQuote')
  }
}

/** Returns the fill a `fills` row holds. */
export function fillFromRow(row: JournalRow): FillRecord {
  const commissionQuote = readNullableText(row, TABLE, 'commission_quote')
  return {
    symbol: readText(row, TABLE, 'symbol'),
    tradeId: readText(row, TABLE, 'trade_id'),
    orderId: readText(row, TABLE, 'order_id'),
    clientOrderId: readText(row, TABLE, 'client_order_id'),
    botId: readText(row, TABLE, 'bot_id'),
    side: readMember(row, TABLE, 'side', SIDES),
    price: readText(row, TABLE, 'price'),
    quantity: readText(row, TABLE, 'quantity'),
    quoteQuantity: readText(row, TABLE, 'quote_quantity'),
    commission: readText(row, TABLE, 'commission'),
    commissionAsset: readText(row, TABLE, 'commission_asset'),
    isMaker: readBoolean(row, TABLE, 'is_maker'),
    timeMs: readInteger(row, TABLE, 'time_ms'),
    counterIntentId: readNullableText(row, TABLE, 'counter_intent_id'),
    hedgeNote: readNullableText(row, TABLE, 'hedge_note'),
    ...(commissionQuote === null ? {} : { commissionQuote })
  }
}
