import type { Api } from '@shared/api'
import { createWebSocketApi, serveApiUrl, type SocketStatus } from './websocket-api'

/** The contract as this page reaches it, or why it cannot. */
export type ApiConnection = { readonly api: Api; readonly transport: 'ipc' | 'websocket' } | { readonly api: null; readonly reason: string }

/**
 * Finds the contract: the desktop app's preload exposes it as `window.gridkeeper`; a page served
 * by `gridkeeper serve` reaches it over a WebSocket with the token in its address.
 */
export function connectApi(onStatus: (status: SocketStatus) => void): ApiConnection {
  if (window.gridkeeper !== undefined) {
    onStatus('open')
    return { api: window.gridkeeper, transport: 'ipc' }
  }
  const url = serveApiUrl(window.location)
  if (url === undefined) return { api: null, reason: 'Not connected to Gridkeeper: open the address `gridkeeper serve` printed, with its #token, or start the desktop app.' }
  return { api: createWebSocketApi({ url, onStatus }), transport: 'websocket' }
}
