/** Preload of the app window: exposes the typed contract as `window.gridkeeper` and nothing else. */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { commandChannels, eventChannels, type Api, type ApiEvents } from '@shared/api'

const commands = Object.fromEntries(
  Object.entries(commandChannels).map(([method, channel]) => [
    method,
    // Only the payload crosses; the renderer never sees ipcRenderer or its events
    (...args: unknown[]) => ipcRenderer.invoke(channel, ...args)
  ])
)

function on<Event extends keyof ApiEvents>(event: Event, listener: (payload: ApiEvents[Event]) => void): () => void {
  if (!Object.hasOwn(eventChannels, event)) throw new Error(`"${String(event)}" is not an event of the app`)
  const channel = eventChannels[event]
  const relay = (_event: IpcRendererEvent, payload: ApiEvents[Event]) => listener(payload)
  ipcRenderer.on(channel, relay)
  return () => void ipcRenderer.removeListener(channel, relay)
}

contextBridge.exposeInMainWorld('gridkeeper', { ...commands, on } as Api)
