import type {
  BotEventRecord,
  BotRecord,
  FillRecord,
  IncidentRecord,
  IntentRecord,
  IntentStatus,
  LevelRecord,
  OrderEventRecord,
  TimerRecord
} from './journal-records'

/** Fields of an intent that change after it is written. */
export type IntentPatch = Partial<Pick<IntentRecord, 'status' | 'attempts' | 'lastError' | 'venueOrderId' | 'updatedAtMs' | 'price' | 'quantity'>>

/**
 * The engine's durable memory. Every write is committed when the call returns (a write an order
 * depends on is on disk before the order is sent). Calls are synchronous: SQLite is local, and
 * there is then no await between a check and the write that depends on it.
 */
export interface Journal {
  /** Runs `work` in one transaction: all of its writes are committed together or none are. */
  transaction<T>(work: () => T): T

  /** Creates or replaces a bot. */
  saveBot(bot: BotRecord): void
  /** Returns a bot, or undefined. */
  getBot(botId: string): BotRecord | undefined
  /** Returns every bot, oldest first. */
  listBots(): BotRecord[]

  /** Writes a new intent; throws if an intent with that id exists. */
  createIntent(intent: IntentRecord): void
  /** Changes an intent; throws if it does not exist. */
  updateIntent(intentId: string, patch: IntentPatch): IntentRecord
  /** Returns an intent, or undefined. */
  getIntent(intentId: string): IntentRecord | undefined
  /** Returns a bot's intents, optionally only those in the given statuses, oldest first. */
  listIntents(botId: string, statuses?: readonly IntentStatus[]): IntentRecord[]

  /** Appends an order event; returns false (and stores nothing) if its dedupe key was seen for that order. */
  appendOrderEvent(event: OrderEventRecord): boolean
  /** Returns an order's events in the order they were appended. */
  listOrderEvents(clientOrderId: string): OrderEventRecord[]

  /** Records a fill; returns false (and stores nothing) if (symbol, tradeId) is already recorded. */
  recordFill(fill: FillRecord): boolean
  /** Returns one fill, or undefined. */
  getFill(symbol: string, tradeId: string): FillRecord | undefined
  /** Returns a bot's fills in trade time order. */
  listFills(botId: string): FillRecord[]
  /** Returns a bot's fills traded at or after `fromTimeMs`, in trade time order. */
  listFillsFrom(botId: string, fromTimeMs: number): FillRecord[]
  /** Returns a bot's latest `limit` fills, in trade time order. */
  listLatestFills(botId: string, limit: number): FillRecord[]
  /** Returns how many fills a bot has. */
  countFills(botId: string): number
  /** Returns a bot's earliest fill, or undefined. */
  firstFill(botId: string): FillRecord | undefined
  /** Returns a bot's fills that neither an intent nor a hedge note covers yet. */
  listUnhedgedFills(botId: string): FillRecord[]
  /** Marks a fill as hedged by an intent. */
  setFillCounterIntent(symbol: string, tradeId: string, intentId: string): void
  /** Marks a fill as covered without an order of its own, and says how (see FillRecord.hedgeNote). */
  setFillHedgeNote(symbol: string, tradeId: string, note: string): void

  /** Creates or replaces a level's state. */
  saveLevel(level: LevelRecord): void
  /** Returns a bot's levels by index. */
  listLevels(botId: string): LevelRecord[]
  /** Removes all of a bot's levels (a re-plan). */
  clearLevels(botId: string): void

  /** Opens an incident. */
  openIncident(incident: IncidentRecord): void
  /** Resolves an incident at the given time. */
  resolveIncident(incidentId: string, resolvedAtMs: number): void
  /** Returns incidents, optionally only open ones and only a bot's. */
  listIncidents(filter?: { readonly openOnly?: boolean; readonly botId?: string }): IncidentRecord[]

  /** Creates or replaces a timer. */
  setTimer(timer: TimerRecord): void
  /** Returns a timer, or undefined. */
  getTimer(botId: string, name: string): TimerRecord | undefined
  /** Removes a timer; no error if there is none. */
  clearTimer(botId: string, name: string): void

  /** Appends a bot event. */
  appendBotEvent(event: BotEventRecord): void
  /** Returns a bot's events, oldest first; only one level's when `level` is given; the newest `limit` when given. */
  listBotEvents(botId: string, filter?: { readonly level?: number; readonly limit?: number }): BotEventRecord[]

  /** Creates or replaces a named JSON value a bot keeps across restarts. */
  saveBotState(botId: string, name: string, valueJson: string, updatedAtMs: number): void
  /** Returns a bot's named JSON value, or undefined. */
  getBotState(botId: string, name: string): string | undefined

  /** Returns the next value (1, 2, 3, …) of a bot's named counter, durably (client order id cycles). */
  nextCounter(botId: string, name: string): number

  /** Closes the database. */
  close(): void
}
