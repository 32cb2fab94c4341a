/** The contract shared by main, preload and renderer. */
export type { Api, ApiCommands, ApiEvents, BotRef, EmergencyStopOutcome, KeyedMode, LevelRef, RebalanceDiagnosis, Unsubscribe } from './api'
export { PRODUCT_NAME, TRADING_MODES, type AppInfo, type TradingMode } from './app-info'
export { commandChannels, eventChannels, type CommandChannel, type EventChannel } from './channels'
export type { PlanPreview } from './plan-preview'
export { fail, ok, type ApiError, type Result } from './result'
export type * from './views'
