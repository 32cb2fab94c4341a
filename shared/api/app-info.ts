/** The product's name, as shown to the person using the app (it also names the data folder). */
export const PRODUCT_NAME = 'Gridkeeper'

/** Names the trading modes: Paper (the built-in paper exchange), Binance's testnet and demo, and live. */
export const TRADING_MODES = ['paper', 'testnet', 'demo', 'live'] as const

/** One of the trading modes. */
export type TradingMode = (typeof TRADING_MODES)[number]

/** Describes the running app as shown in the renderer's header. */
export interface AppInfo {
  /** Product name, as shown to the person using the app. */
  readonly name: string
  /** Version of the app package. */
  readonly version: string
  /** Trading mode the app is running in. */
  readonly mode: TradingMode
  /** How the UI reaches the engine: the desktop app's IPC, or `gridkeeper serve`'s WebSocket. */
  readonly transport: 'ipc' | 'websocket'
}
