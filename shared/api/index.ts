/** The IPC contract shared by main, preload and renderer. */
export type { Api } from './api'
export type { AppInfo, TradingMode } from './app-info'
export { apiChannels, type ApiChannel } from './channels'
export { fail, ok, type ApiError, type Result } from './result'
