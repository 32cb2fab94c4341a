import type { AppInfo } from './app-info'
import type { Result } from './result'

/** Lists every command the renderer can send to the main process. */
export interface Api {
  /** Returns the product name, version and trading mode of the running app. */
  getInfo(): Promise<Result<AppInfo>>
}
