import type { AppInfo } from '@shared/api'

/** Names the product as shown to the person using the app. */
export const productName = 'Gridkeeper'

/** Describes the running app from its package version; the mode is Paper until keys exist. */
export function readAppInfo(version: string): AppInfo {
  return { name: productName, version, mode: 'paper' }
}
