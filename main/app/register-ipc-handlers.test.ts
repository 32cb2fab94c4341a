import type { IpcMainInvokeEvent } from 'electron'
import { describe, expect, test, vi } from 'vitest'
import { commandChannels, ok, type Result } from '@shared/api'
import type { CommandHandlers } from '../api/command-handlers'
import { registerIpcHandlers } from './register-ipc-handlers'

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<Result<unknown>>

const info = { name: 'Gridkeeper', version: '1.2.3', mode: 'paper', transport: 'ipc' } as const

/** Handlers that answer every command with its own name, so a test sees which one ran. */
function handlers(overrides: Partial<CommandHandlers> = {}): CommandHandlers {
  const echo = Object.fromEntries(Object.keys(commandChannels).map((method) => [method, vi.fn(async (params: unknown) => ok({ method, params }))]))
  return { ...echo, getInfo: async () => ok(info), ...overrides } as unknown as CommandHandlers
}

function setUp(table: CommandHandlers) {
  const listeners = new Map<string, Listener>()
  const ipcMain = { handle: vi.fn((channel: string, listener: Listener) => void listeners.set(channel, listener)) }
  registerIpcHandlers(ipcMain as never, table)
  return listeners
}

function eventFrom(url: string | null): IpcMainInvokeEvent {
  return { senderFrame: url === null ? null : { url, parent: null } } as unknown as IpcMainInvokeEvent
}

const trusted = eventFrom('app://gridkeeper/index.html')

describe('registerIpcHandlers', () => {
  test('registers one handler per command of the contract', () => {
    expect([...setUp(handlers()).keys()].sort()).toEqual(Object.values(commandChannels).sort())
  })

  test('answers a trusted sender with the handler result', async () => {
    await expect(setUp(handlers()).get(commandChannels.getInfo)?.(trusted)).resolves.toEqual({ ok: true, value: info })
  })

  test('hands a valid payload to its handler, as validated', async () => {
    const result = await setUp(handlers()).get(commandChannels.holdLevel)?.(trusted, { botId: 'grid1', level: 3 })
    expect(result).toEqual({ ok: true, value: { method: 'holdLevel', params: { botId: 'grid1', level: 3 } } })
  })

  test('refuses an untrusted sender without calling the handler', async () => {
    const getInfo = vi.fn(async () => ok(info))
    const listener = setUp(handlers({ getInfo })).get(commandChannels.getInfo)
    for (const url of ['https://example.org/', 'file:///tmp/index.html', null]) {
      const result = await listener?.(eventFrom(url))
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
    }
    expect(getInfo).not.toHaveBeenCalled()
  })

  test('rejects malformed payloads with a clear error, without calling the handler', async () => {
    const holdLevel = vi.fn(async () => ok(null))
    const listener = setUp(handlers({ holdLevel })).get(commandChannels.holdLevel)
    await expect(listener?.(trusted, { botId: 'grid1', level: -1 })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-params', message: 'Level must be at least 0' } })
    await expect(listener?.(trusted, { botId: 'no spaces!', level: 1 })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-params', message: 'Bot id must be 1 to 8 letters or digits' } })
    await expect(listener?.(trusted, { botId: 'grid1', level: 1, extra: true })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-params' } })
    await expect(listener?.(trusted, 'grid1')).resolves.toMatchObject({ ok: false, error: { code: 'invalid-params' } })
    await expect(listener?.(trusted, { botId: 'grid1', level: 1 }, 'a second argument')).resolves.toMatchObject({ ok: false, error: { code: 'invalid-params' } })
    expect(holdLevel).not.toHaveBeenCalled()
  })

  test('turns a thrown error into a failed result', async () => {
    const listener = setUp(
      handlers({
        getInfo: async () => {
          throw new Error('disk on fire')
        }
      })
    ).get(commandChannels.getInfo)
    await expect(listener?.(trusted)).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'disk on fire' } })
  })
})
