import { beforeAll, describe, expect, test, vi } from 'vitest'
import { commandChannels, eventChannels } from '@shared/api'

const electron = vi.hoisted(() => {
  const exposed: { key: string; api: unknown }[] = []
  const ipcRenderer = {
    invoke: vi.fn(async (channel: string) => ({ ok: true, value: `reply from ${channel}` })),
    send: vi.fn(),
    sendSync: vi.fn(),
    on: vi.fn(),
    once: vi.fn(),
    removeListener: vi.fn()
  }
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, api: unknown) => {
      exposed.push({ key, api })
    })
  }
  return { exposed, ipcRenderer, contextBridge }
})

vi.mock('electron', () => ({
  contextBridge: electron.contextBridge,
  ipcRenderer: electron.ipcRenderer,
  default: { contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }
}))

/** Collects every object and function reachable from a value. */
function reachable(value: unknown, seen = new Set<unknown>()): Set<unknown> {
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
    if (seen.has(value)) return seen
    seen.add(value)
    for (const key of Reflect.ownKeys(value)) reachable((value as Record<PropertyKey, unknown>)[key], seen)
  }
  return seen
}

describe('preload', () => {
  beforeAll(async () => {
    await import('../preload/index')
  })

  test('exposes exactly one object, as window.gridkeeper', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
    expect(electron.exposed.map((entry) => entry.key)).toEqual(['gridkeeper'])
  })

  test('exposes exactly the commands of the contract and `on` for its events', () => {
    const api = electron.exposed[0]?.api as Record<string, unknown>
    expect(Object.keys(api).sort()).toEqual([...Object.keys(commandChannels), 'on'].sort())
    for (const method of Object.keys(api)) expect(typeof api[method]).toBe('function')
  })

  test('never exposes ipcRenderer or any of its functions', () => {
    const exposedValues = reachable(electron.exposed[0]?.api)
    for (const forbidden of reachable(electron.ipcRenderer)) expect(exposedValues.has(forbidden)).toBe(false)
  })

  test('each command invokes its own channel with its payload and returns the reply', async () => {
    const api = electron.exposed[0]?.api as Record<keyof typeof commandChannels, (params?: unknown) => Promise<unknown>>
    for (const [method, channel] of Object.entries(commandChannels) as [keyof typeof commandChannels, string][]) {
      electron.ipcRenderer.invoke.mockClear()
      await expect(api[method]({ botId: 'grid1' })).resolves.toEqual({ ok: true, value: `reply from ${channel}` })
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(channel, { botId: 'grid1' })
    }
  })

  test('`on` relays only the payload of its own event channel, and its unsubscribe removes that listener', () => {
    const api = electron.exposed[0]?.api as { on: (event: string, listener: (payload: unknown) => void) => () => void }
    const seen: unknown[] = []
    const stop = api.on('state', (payload) => seen.push(payload))
    const [channel, relay] = electron.ipcRenderer.on.mock.calls.at(-1) as unknown as [string, (event: unknown, payload: unknown) => void]
    expect(channel).toBe(eventChannels.state)
    relay({ sender: 'the ipc event stays in the preload' }, { revision: 7 })
    expect(seen).toEqual([{ revision: 7 }])
    stop()
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(eventChannels.state, relay)
    expect(() => api.on('secrets', () => undefined)).toThrow('"secrets" is not an event of the app')
  })
})
