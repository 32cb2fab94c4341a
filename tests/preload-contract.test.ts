import { beforeAll, describe, expect, test, vi } from 'vitest'
import { apiChannels } from '@shared/api'

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

  test('exposes exactly the methods of the contract', () => {
    const api = electron.exposed[0]?.api as Record<string, unknown>
    expect(Object.keys(api).sort()).toEqual(Object.keys(apiChannels).sort())
    for (const method of Object.keys(apiChannels)) expect(typeof api[method]).toBe('function')
  })

  test('never exposes ipcRenderer or any of its functions', () => {
    const exposedValues = reachable(electron.exposed[0]?.api)
    for (const forbidden of reachable(electron.ipcRenderer)) expect(exposedValues.has(forbidden)).toBe(false)
  })

  test('each method invokes its own channel and returns the reply', async () => {
    const api = electron.exposed[0]?.api as Record<keyof typeof apiChannels, () => Promise<unknown>>
    for (const [method, channel] of Object.entries(apiChannels) as [keyof typeof apiChannels, string][]) {
      electron.ipcRenderer.invoke.mockClear()
      await expect(api[method]()).resolves.toEqual({ ok: true, value: `reply from ${channel}` })
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(channel)
    }
  })
})
