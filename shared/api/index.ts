/** The contract shared by main, preload and renderer. */
export type { Api, ApiCommands, ApiEvents, BotRef, ConfirmedPlan, EmergencyStopOutcome, KeyedMode, LevelRef, RebalanceDiagnosis, Unsubscribe } from './api'
export { PRODUCT_NAME, TRADING_MODES, type AppInfo, type TradingMode } from './app-info'
export {
  BACKTEST_INTERVALS,
  BACKTEST_MAX_BARS,
  BACKTEST_MAX_FILLS,
  BACKTEST_MAX_GAPS,
  BACKTEST_MAX_RANGE_MS,
  type BacktestFill,
  type BacktestGap,
  type BacktestInterval,
  type BacktestKlines,
  type BacktestLevel,
  type BacktestPhase,
  type BacktestReport,
  type BacktestRequest,
  type BacktestResultView,
  type BacktestStop,
  type BacktestUpdate,
  type EquityPoint
} from './backtest-views'
export { commandChannels, eventChannels, type CommandChannel, type EventChannel } from './channels'
export type { PlanPreview } from './plan-preview'
export { fail, ok, type ApiError, type Result } from './result'
export type * from './views'
