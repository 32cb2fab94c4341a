import type { DatabaseSync } from 'node:sqlite'
import { botEventFromRow, botEventParameters } from './bot-event-row'
import { type JournalRow, readInteger } from './column-readers'
import { botFromRow, botParameters } from './bot-row'
import { fillFromRow, fillParameters } from './fill-row'
import { incidentFromRow, incidentParameters } from './incident-row'
import { intentFromRow, intentParameters, intentPatchParameters } from './intent-row'
import type { IntentPatch, Journal } from './journal'
import { JournalDuplicateError } from './journal-duplicate-error'
import type { BotEventRecord, BotRecord, FillRecord, IncidentRecord, IntentRecord, IntentStatus, LevelRecord, OrderEventRecord, TimerRecord } from './journal-records'
import { JournalRecordMissingError } from './journal-record-missing-error'
import { type JournalStatements, prepareJournalStatements } from './journal-statements'
import { levelFromRow, levelParameters } from './level-row'
import { orderEventFromRow, orderEventParameters } from './order-event-row'
import { readPragmaNumber } from './read-pragma-number'
import { isSqliteConstraint, SQLITE_CONSTRAINT } from './sqlite-constraint'
import { timerFromRow, timerParameters } from './timer-row'
import { TransactionScope } from './transaction-scope'

/** A journal connection's settings as SQLite reports them. */
export interface JournalConnectionSettings {
  /** "wal" for a file, "memory" for ':memory:'. */
  readonly journalMode: string
  readonly synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA' | 'UNKNOWN'
  readonly foreignKeys: boolean
  readonly busyTimeoutMs: number
  readonly schemaVersion: number
}

const SYNCHRONOUS_NAMES = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const

/**
 * The Journal on one node:sqlite connection. Every call outside `transaction` is its own
 * transaction and is on disk when the call returns (the connection runs with synchronous=FULL).
 * Construct it through `openJournal`, which checks, configures and migrates the database first.
 */
export class SqliteJournal implements Journal {
  private readonly statements: JournalStatements
  private readonly transactions: TransactionScope

  constructor(private readonly db: DatabaseSync) {
    this.statements = prepareJournalStatements(db)
    this.transactions = new TransactionScope(db)
  }

  /** Runs `work` in one transaction (a savepoint when nested); rolls back and rethrows when it throws. */
  transaction<T>(work: () => T): T {
    return this.transactions.run(work)
  }

  /** Creates or replaces a bot (an upsert, so rows that refer to it stay valid). */
  saveBot(bot: BotRecord): void {
    this.statements.upsertBot.run(botParameters(bot))
  }

  /** Returns a bot, or undefined. */
  getBot(botId: string): BotRecord | undefined {
    const row = this.statements.getBot.get(botId)
    return row === undefined ? undefined : botFromRow(row)
  }

  /** Returns every bot, oldest first. */
  listBots(): BotRecord[] {
    return this.statements.listBots.all().map(botFromRow)
  }

  /** Writes a new intent; throws JournalDuplicateError for a known id, JournalRecordMissingError for an unknown bot. */
  createIntent(intent: IntentRecord): void {
    const parameters = intentParameters(intent)
    try {
      this.statements.insertIntent.run(parameters)
    } catch (error) {
      if (isSqliteConstraint(error, SQLITE_CONSTRAINT.primaryKey)) throw new JournalDuplicateError('intent', intent.intentId)
      if (isSqliteConstraint(error, SQLITE_CONSTRAINT.foreignKey)) throw new JournalRecordMissingError('bot', intent.botId, 'createIntent')
      throw error
    }
  }

  /** Changes the patched fields of an intent and returns it; throws JournalRecordMissingError for an unknown id. */
  updateIntent(intentId: string, patch: IntentPatch): IntentRecord {
    const row = this.statements.updateIntent.get(intentPatchParameters(intentId, patch))
    if (row === undefined) throw new JournalRecordMissingError('intent', intentId, 'updateIntent')
    return intentFromRow(row)
  }

  /** Returns an intent, or undefined. */
  getIntent(intentId: string): IntentRecord | undefined {
    const row = this.statements.getIntent.get(intentId)
    return row === undefined ? undefined : intentFromRow(row)
  }

  /** Returns a bot's intents, optionally only those in the given statuses, oldest first. */
  listIntents(botId: string, statuses?: readonly IntentStatus[]): IntentRecord[] {
    const rows =
      statuses === undefined
        ? this.statements.listIntents.all(botId)
        : this.statements.listIntentsInStatuses.all(botId, JSON.stringify(statuses))
    return rows.map(intentFromRow)
  }

  /** Appends an order event; returns false (and stores nothing) if its dedupe key was seen for that order. */
  appendOrderEvent(event: OrderEventRecord): boolean {
    return Number(this.statements.insertOrderEvent.run(orderEventParameters(event)).changes) === 1
  }

  /** Returns an order's events in the order they were appended. */
  listOrderEvents(clientOrderId: string): OrderEventRecord[] {
    return this.statements.listOrderEvents.all(clientOrderId).map(orderEventFromRow)
  }

  /** Records a fill; returns false (and stores nothing) if (symbol, tradeId) is already recorded. */
  recordFill(fill: FillRecord): boolean {
    const parameters = fillParameters(fill)
    try {
      return Number(this.statements.insertFill.run(parameters).changes) === 1
    } catch (error) {
      if (!isSqliteConstraint(error, SQLITE_CONSTRAINT.foreignKey)) throw error
      if (this.getBot(fill.botId) === undefined) throw new JournalRecordMissingError('bot', fill.botId, 'recordFill')
      throw new JournalRecordMissingError('intent', fill.counterIntentId ?? '', 'recordFill')
    }
  }

  /** Returns one fill, or undefined. */
  getFill(symbol: string, tradeId: string): FillRecord | undefined {
    const row = this.statements.getFill.get(symbol, tradeId)
    return row === undefined ? undefined : fillFromRow(row)
  }

  /** Returns a bot's fills in trade time order (ties in the order they were recorded). */
  listFills(botId: string): FillRecord[] {
    return this.statements.listFills.all(botId).map(fillFromRow)
  }

  /** Returns a bot's fills traded at or after `fromTimeMs`, in trade time order. */
  listFillsFrom(botId: string, fromTimeMs: number): FillRecord[] {
    return this.statements.listFillsFrom.all(botId, fromTimeMs).map(fillFromRow)
  }

  /** Returns a bot's latest `limit` fills, in trade time order. */
  listLatestFills(botId: string, limit: number): FillRecord[] {
    return this.statements.listLatestFills.all(botId, limit).map(fillFromRow)
  }

  /** Returns a bot's earliest fill, or undefined. */
  firstFill(botId: string): FillRecord | undefined {
    const row = this.statements.firstFill.get(botId) as JournalRow | undefined
    return row === undefined ? undefined : fillFromRow(row)
  }

  /** Returns how many fills a bot has. */
  countFills(botId: string): number {
    return readInteger(this.statements.countFills.get(botId) as JournalRow, 'fills', 'count')
  }

  /** Returns a bot's fills that no intent hedges yet, in trade time order. */
  listUnhedgedFills(botId: string): FillRecord[] {
    return this.statements.listUnhedgedFills.all(botId).map(fillFromRow)
  }

  /** Marks a fill as hedged by an intent; throws JournalRecordMissingError for an unknown fill or intent. */
  setFillCounterIntent(symbol: string, tradeId: string, intentId: string): void {
    let changes: number
    try {
      changes = Number(this.statements.setFillCounterIntent.run(intentId, symbol, tradeId).changes)
    } catch (error) {
      if (isSqliteConstraint(error, SQLITE_CONSTRAINT.foreignKey)) throw new JournalRecordMissingError('intent', intentId, 'setFillCounterIntent')
      throw error
    }
    if (changes === 0) throw new JournalRecordMissingError('fill', `${symbol}:${tradeId}`, 'setFillCounterIntent')
  }

  /** Marks a fill as covered without an order of its own; throws JournalRecordMissingError for an unknown fill. */
  setFillHedgeNote(symbol: string, tradeId: string, note: string): void {
    const changes = Number(this.statements.setFillHedgeNote.run(note, symbol, tradeId).changes)
    if (changes === 0) throw new JournalRecordMissingError('fill', `${symbol}:${tradeId}`, 'setFillHedgeNote')
  }

  /** Creates or replaces a level's state; throws JournalRecordMissingError for an unknown bot. */
  saveLevel(level: LevelRecord): void {
    try {
      this.statements.upsertLevel.run(levelParameters(level))
    } catch (error) {
      if (isSqliteConstraint(error, SQLITE_CONSTRAINT.foreignKey)) throw new JournalRecordMissingError('bot', level.botId, 'saveLevel')
      throw error
    }
  }

  /** Returns a bot's levels by index. */
  listLevels(botId: string): LevelRecord[] {
    return this.statements.listLevels.all(botId).map(levelFromRow)
  }

  /** Removes all of a bot's levels (a re-plan). */
  clearLevels(botId: string): void {
    this.statements.clearLevels.run(botId)
  }

  /** Creates or replaces a named JSON value of a bot; throws JournalRecordMissingError for an unknown bot. */
  saveBotState(botId: string, name: string, valueJson: string, updatedAtMs: number): void {
    try {
      this.statements.upsertBotState.run(botId, name, valueJson, updatedAtMs)
    } catch (error) {
      if (isSqliteConstraint(error, SQLITE_CONSTRAINT.foreignKey)) throw new JournalRecordMissingError('bot', botId, 'saveBotState')
      throw error
    }
  }

  /** Returns a bot's named JSON value, or undefined. */
  getBotState(botId: string, name: string): string | undefined {
    const row = this.statements.getBotState.get(botId, name) as { value_json?: unknown } | undefined
    return typeof row?.value_json === 'string' ? row.value_json : undefined
  }

  /** Appends a bot event; throws JournalRecordMissingError for an unknown bot. */
  appendBotEvent(event: BotEventRecord): void {
    try {
      this.statements.insertBotEvent.run(botEventParameters(event))
    } catch (error) {
      if (isSqliteConstraint(error, SQLITE_CONSTRAINT.foreignKey)) throw new JournalRecordMissingError('bot', event.botId, 'appendBotEvent')
      throw error
    }
  }

  /** Returns a bot's events, oldest first; only one level's when asked; the newest `limit` (default 1,000). */
  listBotEvents(botId: string, filter: { readonly level?: number; readonly limit?: number } = {}): BotEventRecord[] {
    return this.statements.listBotEvents.all({ botId, level: filter.level ?? null, limit: filter.limit ?? 1000 }).map(botEventFromRow)
  }

  /** Opens an incident; throws JournalDuplicateError for a known id, JournalRecordMissingError for an unknown bot. */
  openIncident(incident: IncidentRecord): void {
    try {
      this.statements.insertIncident.run(incidentParameters(incident))
    } catch (error) {
      if (isSqliteConstraint(error, SQLITE_CONSTRAINT.primaryKey)) throw new JournalDuplicateError('incident', incident.incidentId)
      if (isSqliteConstraint(error, SQLITE_CONSTRAINT.foreignKey)) throw new JournalRecordMissingError('bot', incident.botId ?? '', 'openIncident')
      throw error
    }
  }

  /**
   * Resolves an open incident at the given time. Resolving it again keeps the first time (the
   * moment it was resolved does not move); an unknown id throws JournalRecordMissingError.
   */
  resolveIncident(incidentId: string, resolvedAtMs: number): void {
    const changes = Number(this.statements.resolveIncident.run(resolvedAtMs, incidentId).changes)
    if (changes === 0 && this.statements.getIncident.get(incidentId) === undefined) {
      throw new JournalRecordMissingError('incident', incidentId, 'resolveIncident')
    }
  }

  /** Returns incidents, optionally only open ones and only a bot's, oldest first. */
  listIncidents(filter: { readonly openOnly?: boolean; readonly botId?: string } = {}): IncidentRecord[] {
    const rows = this.statements.listIncidents.all({ openOnly: filter.openOnly === true ? 1 : 0, botId: filter.botId ?? null })
    return rows.map(incidentFromRow)
  }

  /** Creates or replaces a timer; throws JournalRecordMissingError for an unknown bot. */
  setTimer(timer: TimerRecord): void {
    try {
      this.statements.upsertTimer.run(timerParameters(timer))
    } catch (error) {
      if (isSqliteConstraint(error, SQLITE_CONSTRAINT.foreignKey)) throw new JournalRecordMissingError('bot', timer.botId, 'setTimer')
      throw error
    }
  }

  /** Returns a timer, or undefined. */
  getTimer(botId: string, name: string): TimerRecord | undefined {
    const row = this.statements.getTimer.get(botId, name)
    return row === undefined ? undefined : timerFromRow(row)
  }

  /** Removes a timer; no error if there is none. */
  clearTimer(botId: string, name: string): void {
    this.statements.clearTimer.run(botId, name)
  }

  /** Returns the next value (1, 2, 3, …) of a bot's named counter, in one durable statement. */
  nextCounter(botId: string, name: string): number {
    let row
    try {
      row = this.statements.nextCounter.get(botId, name)
    } catch (error) {
      if (isSqliteConstraint(error, SQLITE_CONSTRAINT.foreignKey)) throw new JournalRecordMissingError('bot', botId, 'nextCounter')
      throw error
    }
    const value = row?.['value']
    if (typeof value !== 'number') throw new Error(`counter ${botId}/${name} returned ${String(value)}`)
    return value
  }

  /** Returns the connection's durability settings as SQLite reports them, for diagnostics and tests. */
  connectionSettings(): JournalConnectionSettings {
    return {
      journalMode: String(this.db.prepare('PRAGMA journal_mode').get()?.['journal_mode']),
      synchronous: SYNCHRONOUS_NAMES[readPragmaNumber(this.db, 'synchronous')] ?? 'UNKNOWN',
      foreignKeys: readPragmaNumber(this.db, 'foreign_keys') === 1,
      busyTimeoutMs: readPragmaNumber(this.db, 'busy_timeout'),
      schemaVersion: readPragmaNumber(this.db, 'user_version')
    }
  }

  /** Closes the database (letting SQLite refresh its query statistics first); a second call does nothing. */
  close(): void {
    if (!this.db.isOpen) return
    this.db.exec('PRAGMA optimize')
    this.db.close()
  }
}
