/** Preload of the app window: exposes the typed contract as `window.gridkeeper` and nothing else. */
import { contextBridge, ipcRenderer } from 'electron'
import { apiChannels, type Api } from '@shared/api'

const api = Object.fromEntries(
  Object.entries(apiChannels).map(([method, channel]) => [
    method,
    // Only the payload crosses; the renderer never sees ipcRenderer or its events
    (...args: unknown[]) => ipcRenderer.invoke(channel, ...args)
  ])
) as unknown as Api

contextBridge.exposeInMainWorld('gridkeeper', api)
