/**
 * What the UI shows, as plain data pushed by main. Money is exact decimal text; times are epoch
 * milliseconds. Nothing here ever holds a secret.
 */
import type { BotConfig, BotConfigInput } from '../config/bot-config'
import type { TradingMode } from './app-info'

/**
 * Where the engine's connection to the exchange stands. `out-of-service`: the mode's journal
 * cannot be used (see `problem`), so none of its bots runs until a person acts; the other modes
 * still open.
 */
export interface ConnectionView {
  readonly status: 'starting' | 'ready' | 'failed' | 'out-of-service'
  /** Why it failed, or what it is doing, for a person. */
  readonly message: string | null
  /** Why the mode is out of service; present only then. */
  readonly problem?: JournalProblemView
}

/**
 * Why a mode's journal cannot be used: `journal-lost` (none there, but the folder shows there was
 * one), `journal-damaged` (part of it cannot be read), `journal-foreign` (another program's
 * file), `journal-too-new` (a newer Gridkeeper's), `journal-unusable` (it cannot be opened at all).
 */
export type JournalProblemCode = 'journal-lost' | 'journal-damaged' | 'journal-foreign' | 'journal-too-new' | 'journal-unusable'

/** Why a mode is out of service, and whether it may be started over on a new journal. */
export interface JournalProblemView {
  readonly code: JournalProblemCode
  /** Whether `startNewJournal` may set the old journal aside (renamed with the date, never deleted) and start the mode over. */
  readonly newJournalAllowed: boolean
}

/** The connection's health: stream freshness, clock offset and the request budget. */
export interface HealthView {
  /** The user-data stream: idle, connecting, connected, reconnecting or stopped. */
  readonly userStream: string | null
  /** Milliseconds since the user-data stream last said anything; null before it connects. */
  readonly userStreamAgeMs: number | null
  /** Server time minus local time. */
  readonly clockOffsetMs: number | null
  /** Request weight used in the current minute, and its limit. */
  readonly usedWeight1m: number | null
  readonly weightLimit1m: number | null
  /** Orders placed in the current 10 seconds, and the limit. */
  readonly orderCount10s: number | null
  readonly orderLimit10s: number | null
}

/** One asset of the account. */
export interface BalanceView {
  readonly asset: string
  readonly free: string
  readonly locked: string
}

/** One grid level and why it is in its state. */
export interface LevelView {
  readonly index: number
  readonly price: string
  readonly phase: 'empty' | 'placing' | 'open' | 'replacing' | 'failed'
  /** The side of the order working on it, when one is. */
  readonly side: 'BUY' | 'SELL' | null
  readonly quantity: string | null
  readonly held: boolean
  readonly reason: string
}

/** One open order of a bot. */
export interface OrderView {
  readonly clientOrderId: string
  readonly purpose: string
  readonly level: number | null
  readonly side: 'BUY' | 'SELL'
  readonly type: string
  readonly price: string | null
  readonly stopPrice: string | null
  readonly quantity: string | null
  readonly status: string
}

/** One fill of a bot's order. */
export interface FillView {
  readonly tradeId: string
  readonly clientOrderId: string
  readonly level: number | null
  readonly side: 'BUY' | 'SELL'
  readonly price: string
  readonly quantity: string
  readonly commission: string
  readonly commissionAsset: string
  readonly timeMs: number
  /** The order that answers it; null when none does (yet). */
  readonly hedgedBy: string | null
  /** How it is covered without an order of its own, in words ("Kept as dust on level 6, too small for an order"); null when it is not. */
  readonly coveredBy: string | null
}

/** The exchange-side OCO that protects the bot's uncovered inventory while the app is offline. */
export interface OcoView {
  readonly listClientOrderId: string
  readonly quantity: string
  readonly stopPrice: string | null
  readonly takeProfitPrice: string | null
}

/** Something that happened to a bot, for the event log. */
export interface EventView {
  readonly type: string
  readonly level: number | null
  readonly message: string
  readonly atMs: number
}

/** Something a person must know about or act on. */
export interface IncidentView {
  readonly incidentId: string
  readonly kind: string
  readonly severity: 'warning' | 'critical'
  readonly message: string
  readonly openedAtMs: number
  readonly resolvedAtMs: number | null
}

/** Profit of a bot, in its quote asset. */
export interface ProfitView {
  /** What the bot's assets were worth at its start, at the start price. */
  readonly startValue: string
  /** What they are worth now, at the last price. */
  readonly currentValue: string
  /** Profit of completed round trips (a SELL that answered a BUY), after fees. */
  readonly gridProfit: string
  /** The rest of the change in value: inventory marked at the last price. */
  readonly floatingPnl: string
  /** Commissions paid in a third asset (BNB) whose value in the quote asset was not known, e.g. "0.0012 BNB"; absent when none. */
  readonly unvaluedFees?: string
}

/** One bot as the dashboard shows it. */
export interface BotView {
  readonly botId: string
  readonly symbol: string
  readonly baseAsset: string
  readonly quoteAsset: string
  /** Decimals of the symbol's prices (its tick size); null while the exchange's rules are not known. */
  readonly priceDecimals: number | null
  /** Decimals of the symbol's quantities (its lot step); null while the exchange's rules are not known. */
  readonly quantityDecimals: number | null
  readonly status: 'running' | 'paused' | 'stopped' | 'emergency' | 'failed'
  /** The bot's configuration, as stored (exact decimal strings). */
  readonly config: BotConfig
  readonly lastPrice: string | null
  readonly marketState: string | null
  readonly levels: readonly LevelView[]
  readonly openOrders: readonly OrderView[]
  /** The most recent fills, newest last. */
  readonly fills: readonly FillView[]
  readonly oco: OcoView | null
  readonly profit: ProfitView | null
  /** The most recent events, newest last. */
  readonly events: readonly EventView[]
  readonly incidents: readonly IncidentView[]
}

/** A saved API key profile, as the UI may see it: the key masked, the secret never. */
export interface KeyProfileView {
  readonly profile: string
  /** The key as `abcd…wxyz`; null when the entry cannot be read (see `problem`). */
  readonly maskedKey: string | null
  readonly problem: string | null
}

/** What "test connection" found out about a key. */
export interface ConnectionTest {
  /** Which deployment was asked: live, testnet, demo, or a custom endpoint. */
  readonly endpoint: string
  readonly canTrade: boolean
  readonly canWithdraw: boolean
  /** Whether the key only works from listed IP addresses; null where the exchange cannot tell (testnet, demo). */
  readonly ipRestricted: boolean | null
  readonly permissions: readonly string[]
  /** Worded for the person: withdrawals enabled, no IP restriction, cannot trade. */
  readonly warnings: readonly string[]
}

/** One thing that happened while the app was closed or asleep. */
export interface AwayItem {
  readonly atMs: number
  readonly botId: string
  readonly kind: 'fill' | 'event' | 'incident'
  readonly text: string
}

/** What happened while the app was closed or the computer slept, shown after launch or resume until dismissed. */
export interface AwayView {
  readonly sinceMs: number
  readonly items: readonly AwayItem[]
}

/** Everything the dashboard shows, pushed whenever it changes. */
export interface AppStateView {
  readonly mode: TradingMode
  /** The key profiles in the OS keychain (one per mode that needs keys). */
  readonly keys: readonly KeyProfileView[]
  /** Why the OS keychain cannot keep keys here and how to install it, in one line; null when it answers. */
  readonly keychainProblem: string | null
  readonly connection: ConnectionView
  readonly health: HealthView
  readonly balances: readonly BalanceView[]
  /** Symbols the exchange offers for a grid (the setup form's picker). */
  readonly symbols: readonly string[]
  readonly bots: readonly BotView[]
  /** What happened while the app was away, after a launch or a resume; null once dismissed or when nothing happened. */
  readonly away: AwayView | null
  /** A configuration ready to start: the grid offered on Paper mode's first launch, and the setup form's starting point. */
  readonly suggestedConfig: BotConfigInput | null
  /** Increases with every push, so a late copy is never shown over a newer one. */
  readonly revision: number
}

/** One candle for the chart; prices are exact decimal strings. */
export interface CandleView {
  readonly openTimeMs: number
  readonly open: string
  readonly high: string
  readonly low: string
  readonly close: string
  readonly volume: string
}

/** A candle update of one symbol's chart. */
export interface CandleUpdate {
  readonly symbol: string
  readonly interval: string
  readonly candle: CandleView
}
