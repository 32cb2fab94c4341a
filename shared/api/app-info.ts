/** Names the trading modes the app can run in; only Paper exists so far. */
export type TradingMode = 'paper'

/** Describes the running app as shown in the renderer's header. */
export interface AppInfo {
  /** Product name, as shown to the person using the app. */
  readonly name: string
  /** Version of the app package. */
  readonly version: string
  /** Trading mode the app is running in. */
  readonly mode: TradingMode
}
