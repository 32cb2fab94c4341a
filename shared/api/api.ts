import type { BotConfigInput } from '../config/bot-config'
import type { AppInfo, TradingMode } from './app-info'
import type { BacktestRequest, BacktestUpdate } from './backtest-views'
import type { PlanPreview } from './plan-preview'
import type { Result } from './result'
import type { AppStateView, CandleUpdate, CandleView, ConnectionTest, KeyProfileView } from './views'

/** Names one bot. */
export interface BotRef {
  readonly botId: string
}

/** Names one level of one bot. */
export interface LevelRef extends BotRef {
  readonly level: number
}

/** The orders a person confirmed: each level's order, and the base purchase before them. */
export interface ConfirmedPlan {
  readonly levels: readonly { readonly price: string; readonly side: 'BUY' | 'SELL' | 'NONE'; readonly quantity: string }[]
  readonly acquisitionQuantity: string | null
}

/** What an emergency stop did. */
export interface EmergencyStopOutcome {
  readonly cancelled: readonly string[]
  /** Orders the exchange still reports open (the stop keeps trying; the bot stays stopped). */
  readonly stillOpen: readonly string[]
  /** Base sold, when the stop was asked to sell it. */
  readonly soldBase: string | null
}

/** What a rebalance would do, read before it is done. */
export interface RebalanceDiagnosis {
  readonly deadlocked: boolean
  /** For a person: what each side needs and what the bot has, or why there is nothing to rebalance. */
  readonly message: string
  /** The trade a rebalance would make (base quantity), if any. */
  readonly trade: { readonly side: 'BUY' | 'SELL'; readonly quantity: string } | null
}

/** The commands the UI can send; every one answers with a Result, never by throwing. */
export interface ApiCommands {
  /** Returns the product name, version and trading mode of the running app. */
  getInfo(): Promise<Result<AppInfo>>
  /** Returns the current dashboard state (the same data the `state` event pushes). */
  getState(): Promise<Result<AppStateView>>
  /** Returns recent candles of a symbol, oldest first. */
  getCandles(params: { readonly symbol: string; readonly interval: string; readonly limit: number }): Promise<Result<readonly CandleView[]>>
  /** Plans a grid from a draft configuration without sending anything: levels, profit per grid, problems. */
  previewPlan(params: { readonly config: BotConfigInput }): Promise<Result<PlanPreview>>
  /**
   * Creates a bot from a configuration and starts it, once its plan passes every check; with
   * `expected`, only when the plan at the price now places exactly those orders and that purchase
   * (else `plan-changed`, with the new plan as `details.plan`). A refused start leaves no bot.
   */
  startBot(params: { readonly config: BotConfigInput; readonly expected?: ConfirmedPlan }): Promise<Result<BotRef>>
  /** Stops opening new exposure; open orders stay. */
  pauseBot(params: BotRef): Promise<Result<null>>
  /** Resumes a paused, stopped or emergency bot after reconciling it. */
  resumeBot(params: BotRef): Promise<Result<null>>
  /** Cancels every order of the bot (grid and OCO), optionally sells its base, and stops it. */
  emergencyStop(params: BotRef & { readonly sellBase: boolean }): Promise<Result<EmergencyStopOutcome>>
  /** Cancels a level's order and keeps the level empty until released. */
  holdLevel(params: LevelRef): Promise<Result<null>>
  /** Lets the bot place orders on a held level again. */
  releaseLevel(params: LevelRef): Promise<Result<null>>
  /** Moves the grid around the current price now. */
  recenterNow(params: BotRef): Promise<Result<{ readonly recentered: boolean }>>
  /** Says whether the bot is deadlocked (neither side of the grid can be funded) and the trade a rebalance would make; sends nothing. */
  diagnoseRebalance(params: BotRef): Promise<Result<RebalanceDiagnosis>>
  /** Rebalances the bot's assets now when neither side can be funded. */
  rebalanceNow(params: BotRef): Promise<Result<{ readonly outcome: 'none' | 'cooldown' | 'rebalanced' }>>
  /** Cancels the bot's OCO backstop (the bot-level triggers stay armed). */
  cancelOco(params: BotRef): Promise<Result<null>>
  /** Moves the OCO backstop (and the bot's stop-loss and take-profit) to new prices. */
  moveOco(params: BotRef & { readonly stopLoss: string; readonly takeProfit: string }): Promise<Result<null>>
  /** Saves the API key and secret of a mode in the OS keychain; the secret is never sent back. */
  saveKeys(params: { readonly profile: KeyedMode; readonly apiKey: string; readonly apiSecret: string }): Promise<Result<KeyProfileView>>
  /** Removes a mode's keys from the OS keychain. */
  deleteKeys(params: { readonly profile: KeyedMode }): Promise<Result<{ readonly removed: boolean }>>
  /** Asks the mode's exchange what its saved key may do. */
  testConnection(params: { readonly profile: KeyedMode }): Promise<Result<ConnectionTest>>
  /** Hides the "while you were away" timeline. */
  dismissAway(): Promise<Result<null>>
  /** Emergency-stops every bot of the mode: cancels all their orders, optionally sells their base. */
  stopAll(params: { readonly sellBase: boolean }): Promise<Result<readonly (EmergencyStopOutcome & BotRef)[]>>
  /** Switches the app to a mode: its bots stop (their orders stay), the mode's account and bots start. */
  setMode(params: { readonly mode: TradingMode }): Promise<Result<null>>
  /**
   * Starts the current mode over on a new journal, on purpose, when its journal cannot be used
   * (lost, damaged or another program's): the old journal (and in Paper mode the paper account)
   * is renamed with the date, never deleted, and the mode opens again. Refused while the mode's
   * journal can be used. Answers the paths the old files were moved to.
   */
  startNewJournal(params: { readonly mode: TradingMode }): Promise<Result<{ readonly setAside: readonly string[] }>>
  /**
   * Starts a backtest in the background and answers at once; its progress and its result arrive
   * as `backtest` events. One runs at a time: a second start while one runs is refused.
   */
  startBacktest(params: BacktestRequest): Promise<Result<{ readonly backtestId: string }>>
  /** Stops a running backtest; `cancelled` is false when it had already ended. */
  cancelBacktest(params: { readonly backtestId: string }): Promise<Result<{ readonly cancelled: boolean }>>
}

/** The modes that trade with the person's own keys. */
export type KeyedMode = Exclude<TradingMode, 'paper'>

/** The events main pushes to the UI. */
export interface ApiEvents {
  /** The dashboard state changed. */
  state: AppStateView
  /** A chart candle was updated or opened. */
  candle: CandleUpdate
  /** A backtest made progress, or ended (with its result when done). */
  backtest: BacktestUpdate
}

/** Stops a subscription. */
export type Unsubscribe = () => void

/** Everything the UI can reach: the commands, and subscriptions to the events. */
export interface Api extends ApiCommands {
  /** Calls `listener` with every event of that name until the returned function is called. */
  on<Event extends keyof ApiEvents>(event: Event, listener: (payload: ApiEvents[Event]) => void): Unsubscribe
}
