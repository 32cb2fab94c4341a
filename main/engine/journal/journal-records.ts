/**
 * What the journal stores. Money is exact decimal text, times are epoch milliseconds, and every
 * record is plain data so it can be written, read back and compared as is.
 */

/**
 * Lifecycle of a bot as persisted; only a person moves a bot out of `stopped`, `emergency` or
 * `failed` (its start failed, or a restart cut it short: it has no grid, and resuming it starts again).
 */
export type BotStatus = 'running' | 'paused' | 'stopped' | 'emergency' | 'failed'

/** A bot and its configuration. */
export interface BotRecord {
  readonly botId: string
  readonly symbol: string
  /** The bot's configuration as JSON text (validated by the engine before it is stored). */
  readonly configJson: string
  readonly status: BotStatus
  readonly createdAtMs: number
  readonly updatedAtMs: number
}

/** Why an order intent exists. */
export type IntentPurpose = 'grid' | 'counter' | 'acquire' | 'rebalance' | 'manual' | 'exit' | 'emergency'

/**
 * Where an intent stands:
 * `pending` written, not sent yet; `sending` on its way (a crash here means "outcome unknown");
 * `placed` the exchange accepted it; `unknown` a send whose outcome must be resolved by query;
 * `rejected` the exchange refused it (final); `failed` its retry budget is spent (final);
 * `done` its order reached a final state (filled, cancelled or expired).
 */
export type IntentStatus = 'pending' | 'sending' | 'placed' | 'unknown' | 'rejected' | 'failed' | 'done'

/** A durable wish to have one order on the exchange, written before the order is sent. */
export interface IntentRecord {
  /** Equal to the order's client order id. */
  readonly intentId: string
  readonly botId: string
  readonly symbol: string
  readonly purpose: IntentPurpose
  /** The grid level, for grid and counter orders. */
  readonly level: number | null
  readonly side: 'BUY' | 'SELL'
  readonly type: string
  readonly price: string | null
  readonly quantity: string | null
  readonly quoteOrderQty: string | null
  readonly status: IntentStatus
  readonly attempts: number
  readonly lastError: string | null
  /** The exchange's order id once known. */
  readonly venueOrderId: string | null
  /** The fill this counter-order answers, as "symbol:tradeId". */
  readonly sourceFillKey: string | null
  /** Trigger price of a stop or take-profit order (an OCO leg). */
  readonly stopPrice?: string | null
  /** The order list (its list client order id) this order is a leg of. */
  readonly listId?: string | null
  readonly createdAtMs: number
  readonly updatedAtMs: number
}

/** One event in an order's history (the order is the fold of its events). */
export interface OrderEventRecord {
  readonly clientOrderId: string
  /** Identifies the event so a replayed event is stored once (e.g. "trade:123", "status:CANCELED"). */
  readonly dedupeKey: string
  readonly eventType: string
  readonly status: string
  readonly executedQty: string
  readonly cumulativeQuoteQty: string
  /** The full report as JSON text. */
  readonly payloadJson: string
  readonly atMs: number
}

/** One trade of one of our orders. Unique by (symbol, tradeId). */
export interface FillRecord {
  readonly symbol: string
  readonly tradeId: string
  readonly orderId: string
  readonly clientOrderId: string
  readonly botId: string
  readonly side: 'BUY' | 'SELL'
  readonly price: string
  readonly quantity: string
  readonly quoteQuantity: string
  readonly commission: string
  readonly commissionAsset: string
  readonly isMaker: boolean
  readonly timeMs: number
  /** The intent that hedges this fill, once one exists. */
  readonly counterIntentId: string | null
  /**
   * Why the fill is hedged without an order of its own: its counter quantity is dust carried on a
   * level ("dust:<level>"), or it needs none ("none:<purpose>", e.g. the acquisition's fills).
   */
  readonly hedgeNote: string | null
  /**
   * A commission paid in neither the base nor the quote asset (BNB): its value in the quote asset
   * at the fee asset's price when the fill was recorded; null when that price was not known, and
   * for commissions in base or quote.
   */
  readonly commissionQuote?: string | null
}

/** A grid level's state as JSON text (the engine owns its shape). */
export interface LevelRecord {
  readonly botId: string
  readonly level: number
  readonly stateJson: string
  readonly updatedAtMs: number
}

/** Something a person must know about or act on. */
export interface IncidentRecord {
  readonly incidentId: string
  readonly botId: string | null
  readonly kind: string
  readonly severity: 'warning' | 'critical'
  readonly message: string
  readonly detailsJson: string
  readonly openedAtMs: number
  readonly resolvedAtMs: number | null
}

/** A named moment a bot's logic measures from or waits for (cooldowns, out-of-range start). */
export interface TimerRecord {
  readonly botId: string
  readonly name: string
  readonly atMs: number
}

/** Something that happened to a bot, worded for a person (a command carried out, a state change). */
export interface BotEventRecord {
  readonly botId: string
  /** Past tense, e.g. "EmergencyStopped", "LevelHeld", "MarketStateChanged". */
  readonly type: string
  /** The grid level concerned, if any. */
  readonly level: number | null
  readonly message: string
  readonly detailsJson: string
  readonly atMs: number
}
