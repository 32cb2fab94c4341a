/** The journal module: the engine's durable memory on node:sqlite, opened through openJournal. */
export type { IntentPatch, Journal } from './journal'
export type {
  BotEventRecord,
  BotRecord,
  BotStatus,
  FillRecord,
  IncidentRecord,
  IntentPurpose,
  IntentRecord,
  IntentStatus,
  LevelRecord,
  OrderEventRecord,
  TimerRecord
} from './journal-records'
export { openJournal, type OpenJournalOptions } from './open-journal'
export { SqliteJournal, type JournalConnectionSettings } from './sqlite-journal'
export { LATEST_JOURNAL_VERSION } from './migrations'
export { JournalOpenError, isJournalOpenError, type JournalOpenErrorCode } from './journal-open-error'
export { isJournalUnreadable } from './is-journal-unreadable'
export { setJournalAside } from './set-journal-aside'
export { JournalDuplicateError, isJournalDuplicateError } from './journal-duplicate-error'
export { JournalRecordMissingError, isJournalRecordMissingError } from './journal-record-missing-error'
export { JournalDataError, isJournalDataError } from './journal-data-error'
export { JournalMisuseError, isJournalMisuseError } from './journal-misuse-error'
