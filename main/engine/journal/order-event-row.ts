import type { SQLInputValue } from 'node:sqlite'
import { type JournalRow, readInteger, readText } from './column-readers'
import { exactDecimalText } from './exact-decimal-text'
import type { OrderEventRecord } from './journal-records'

const TABLE = 'order_events'

/** Returns the statement parameters that store an order event; quantities must be exact decimal text. */
export function orderEventParameters(event: OrderEventRecord): Record<string, SQLInputValue> {
  return {
    clientOrderId: event.clientOrderId,
    dedupeKey: event.dedupeKey,
    eventType: event.eventType,
    status: event.status,
    executedQty: exactDecimalText(event.executedQty, TABLE, 'executedQty'),
    cumulativeQuoteQty: exactDecimalText(event.cumulativeQuoteQty, TABLE, 'cumulativeQuoteQty'),
    payloadJson: event.payloadJson,
    atMs: event.atMs
  }
}

/** Returns the order event an `order_events` row holds. */
export function orderEventFromRow(row: JournalRow): OrderEventRecord {
  return {
    clientOrderId: readText(row, TABLE, 'client_order_id'),
    dedupeKey: readText(row, TABLE, 'dedupe_key'),
    eventType: readText(row, TABLE, 'event_type'),
    status: readText(row, TABLE, 'status'),
    executedQty: readText(row, TABLE, 'executed_qty'),
    cumulativeQuoteQty: readText(row, TABLE, 'cumulative_quote_qty'),
    payloadJson: readText(row, TABLE, 'payload_json'),
    atMs: readInteger(row, TABLE, 'at_ms')
  }
}
