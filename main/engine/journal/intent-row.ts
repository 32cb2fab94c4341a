import type { SQLInputValue } from 'node:sqlite'
import { type JournalRow, readInteger, readMember, readNullableInteger, readNullableText, readText } from './column-readers'
import { nullableExactDecimalText } from './exact-decimal-text'
import type { IntentPatch } from './journal'
import type { IntentPurpose, IntentRecord, IntentStatus } from './journal-records'
import { SIDES } from './side-members'

const TABLE = 'intents'
const PURPOSES: Record<IntentPurpose, true> = { grid: true, counter: true, acquire: true, rebalance: true, manual: true, exit: true, emergency: true }
const STATUSES: Record<IntentStatus, true> = { pending: true, sending: true, placed: true, unknown: true, rejected: true, failed: true, done: true }

/** Returns the statement parameters that store a new intent; money must be exact decimal text. */
export function intentParameters(intent: IntentRecord): Record<string, SQLInputValue> {
  return {
    intentId: intent.intentId,
    botId: intent.botId,
    symbol: intent.symbol,
    purpose: intent.purpose,
    level: intent.level,
    side: intent.side,
    type: intent.type,
    price: nullableExactDecimalText(intent.price, TABLE, 'price'),
    quantity: nullableExactDecimalText(intent.quantity, TABLE, 'quantity'),
    quoteOrderQty: nullableExactDecimalText(intent.quoteOrderQty, TABLE, 'quoteOrderQty'),
    status: intent.status,
    attempts: intent.attempts,
    lastError: intent.lastError,
    venueOrderId: intent.venueOrderId,
    sourceFillKey: intent.sourceFillKey,
    stopPrice: nullableExactDecimalText(intent.stopPrice ?? null, TABLE, 'stopPrice'),
    listId: intent.listId ?? null,
    createdAtMs: intent.createdAtMs,
    updatedAtMs: intent.updatedAtMs
  }
}

/**
 * Returns the statement parameters of an intent update: for each field a `set…` flag (1 when the
 * patch has the field) and its value, so one cached statement serves every patch shape and an
 * explicit null (clearing `lastError`) differs from an absent field.
 */
export function intentPatchParameters(intentId: string, patch: IntentPatch): Record<string, SQLInputValue> {
  return {
    intentId,
    setStatus: patch.status === undefined ? 0 : 1,
    status: patch.status ?? null,
    setAttempts: patch.attempts === undefined ? 0 : 1,
    attempts: patch.attempts ?? null,
    setLastError: patch.lastError === undefined ? 0 : 1,
    lastError: patch.lastError ?? null,
    setVenueOrderId: patch.venueOrderId === undefined ? 0 : 1,
    venueOrderId: patch.venueOrderId ?? null,
    setUpdatedAtMs: patch.updatedAtMs === undefined ? 0 : 1,
    updatedAtMs: patch.updatedAtMs ?? null,
    setPrice: patch.price === undefined ? 0 : 1,
    price: patch.price === undefined ? null : nullableExactDecimalText(patch.price, 'intents', 'price'),
    setQuantity: patch.quantity === undefined ? 0 : 1,
    quantity: patch.quantity === undefined ? null : nullableExactDecimalText(patch.quantity, 'intents', 'quantity')
  }
}

/** Returns the intent an `intents` row holds. */
export function intentFromRow(row: JournalRow): IntentRecord {
  return {
    intentId: readText(row, TABLE, 'intent_id'),
    botId: readText(row, TABLE, 'bot_id'),
    symbol: readText(row, TABLE, 'symbol'),
    purpose: readMember(row, TABLE, 'purpose', PURPOSES),
    level: readNullableInteger(row, TABLE, 'level'),
    side: readMember(row, TABLE, 'side', SIDES),
    type: readText(row, TABLE, 'type'),
    price: readNullableText(row, TABLE, 'price'),
    quantity: readNullableText(row, TABLE, 'quantity'),
    quoteOrderQty: readNullableText(row, TABLE, 'quote_order_qty'),
    status: readMember(row, TABLE, 'status', STATUSES),
    attempts: readInteger(row, TABLE, 'attempts'),
    lastError: readNullableText(row, TABLE, 'last_error'),
    venueOrderId: readNullableText(row, TABLE, 'venue_order_id'),
    sourceFillKey: readNullableText(row, TABLE, 'source_fill_key'),
    stopPrice: readNullableText(row, TABLE, 'stop_price'),
    listId: readNullableText(row, TABLE, 'list_id'),
    createdAtMs: readInteger(row, TABLE, 'created_at_ms'),
    updatedAtMs: readInteger(row, TABLE, 'updated_at_ms')
  }
}
