import type { SQLInputValue } from 'node:sqlite'
import { type JournalRow, readInteger, readText } from './column-readers'
import type { LevelRecord } from './journal-records'

const TABLE = 'levels'

/** Returns the statement parameters that store a level. */
export function levelParameters(level: LevelRecord): Record<string, SQLInputValue> {
  return { botId: level.botId, level: level.level, stateJson: level.stateJson, updatedAtMs: level.updatedAtMs }
}

/** Returns the level a `levels` row holds. */
export function levelFromRow(row: JournalRow): LevelRecord {
  return {
    botId: readText(row, TABLE, 'bot_id'),
    level: readInteger(row, TABLE, 'level'),
    stateJson: readText(row, TABLE, 'state_json'),
    updatedAtMs: readInteger(row, TABLE, 'updated_at_ms')
  }
}
