import type { SQLInputValue } from 'node:sqlite'
import { type JournalRow, readInteger, readText } from './column-readers'
import type { TimerRecord } from './journal-records'

const TABLE = 'timers'

/** Returns the statement parameters that store a timer. */
export function timerParameters(timer: TimerRecord): Record<string, SQLInputValue> {
  return { botId: timer.botId, name: timer.name, atMs: timer.atMs }
}

/** Returns the timer a `timers` row holds. */
export function timerFromRow(row: JournalRow): TimerRecord {
  return {
    botId: readText(row, TABLE, 'bot_id'),
    name: readText(row, TABLE, 'name'),
    atMs: readInteger(row, TABLE, 'at_ms')
  }
}
