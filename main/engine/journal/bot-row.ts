import type { SQLInputValue } from 'node:sqlite'
import { type JournalRow, readInteger, readMember, readText } from './column-readers'
import type { BotRecord, BotStatus } from './journal-records'

const TABLE = 'bots'
const BOT_STATUSES: Record<BotStatus, true> = { running: true, paused: true, stopped: true, emergency: true, failed: true }

/** Returns the statement parameters that store a bot. */
export function botParameters(bot: BotRecord): Record<string, SQLInputValue> {
  return {
    botId: bot.botId,
    symbol: bot.symbol,
    configJson: bot.configJson,
    status: bot.status,
    createdAtMs: bot.createdAtMs,
    updatedAtMs: bot.updatedAtMs
  }
}

/** Returns the bot a `bots` row holds. */
export function botFromRow(row: JournalRow): BotRecord {
  return {
    botId: readText(row, TABLE, 'bot_id'),
    symbol: readText(row, TABLE, 'symbol'),
    configJson: readText(row, TABLE, 'config_json'),
    status: readMember(row, TABLE, 'status', BOT_STATUSES),
    createdAtMs: readInteger(row, TABLE, 'created_at_ms'),
    updatedAtMs: readInteger(row, TABLE, 'updated_at_ms')
  }
}
