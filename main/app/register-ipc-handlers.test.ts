import type { IpcMainInvokeEvent } from 'electron'
import { describe, expect, test, vi } from 'vitest'
import { apiChannels, ok, type Result } from '@shared/api'
import { registerIpcHandlers, type ApiHandlers } from './register-ipc-handlers'

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<Result<unknown>>

function setUp(handlers: ApiHandlers) {
  const listeners = new Map<string, Listener>()
  const ipcMain = { handle: vi.fn((channel: string, listener: Listener) => void listeners.set(channel, listener)) }
  registerIpcHandlers(ipcMain as never, handlers)
  return listeners
}

function eventFrom(url: string | null): IpcMainInvokeEvent {
  return { senderFrame: url === null ? null : { url, parent: null } } as unknown as IpcMainInvokeEvent
}

const info = { name: 'Gridkeeper', version: '1.2.3', mode: 'paper' } as const

describe('registerIpcHandlers', () => {
  test('registers one handler per channel of the contract', () => {
    const listeners = setUp({ getInfo: async () => ok(info) })
    expect([...listeners.keys()].sort()).toEqual(Object.values(apiChannels).sort())
  })

  test('answers a trusted sender with the handler result', async () => {
    const listener = setUp({ getInfo: async () => ok(info) }).get(apiChannels.getInfo)
    await expect(listener?.(eventFrom('app://gridkeeper/index.html'))).resolves.toEqual({ ok: true, value: info })
  })

  test('refuses an untrusted sender without calling the handler', async () => {
    const getInfo = vi.fn(async () => ok(info))
    const listener = setUp({ getInfo }).get(apiChannels.getInfo)
    for (const url of ['https://example.org/', 'file:///tmp/index.html', null]) {
      const result = await listener?.(eventFrom(url))
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
    }
    expect(getInfo).not.toHaveBeenCalled()
  })

  test('turns a thrown error into a failed result', async () => {
    const listener = setUp({
      getInfo: async () => {
        throw new Error('disk on fire')
      }
    }).get(apiChannels.getInfo)
    await expect(listener?.(eventFrom('app://gridkeeper/index.html'))).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'disk on fire' }
    })
  })
})
