import type { SQLInputValue } from 'node:sqlite'
import { type JournalRow, readInteger, readNullableInteger, readText } from './column-readers'
import type { BotEventRecord } from './journal-records'

const TABLE = 'bot_events'

/** Returns the statement parameters that store a bot event. */
export function botEventParameters(event: BotEventRecord): Record<string, SQLInputValue> {
  return { botId: event.botId, type: event.type, level: event.level, message: event.message, detailsJson: event.detailsJson, atMs: event.atMs }
}

/** Returns the bot event a `bot_events` row holds. */
export function botEventFromRow(row: JournalRow): BotEventRecord {
  return {
    botId: readText(row, TABLE, 'bot_id'),
    type: readText(row, TABLE, 'type'),
    level: readNullableInteger(row, TABLE, 'level'),
    message: readText(row, TABLE, 'message'),
    detailsJson: readText(row, TABLE, 'details_json'),
    atMs: readInteger(row, TABLE, 'at_ms')
  }
}
