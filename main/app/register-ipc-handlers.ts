import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { apiChannels, fail, type Api, type Result } from '@shared/api'
import { isTrustedFrame } from './is-trusted-frame'

/** Implements every method of the contract on the main side. */
export type ApiHandlers = { readonly [Method in keyof Api]: (...args: Parameters<Api[Method]>) => ReturnType<Api[Method]> }

/** Registers one checked `ipcMain.handle` per channel of the contract. */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, handlers: ApiHandlers): void {
  for (const method of Object.keys(apiChannels) as (keyof Api)[]) {
    ipcMain.handle(apiChannels[method], (event: IpcMainInvokeEvent, ...args: unknown[]) =>
      dispatch(event, method, handlers, args)
    )
  }
}

async function dispatch(
  event: IpcMainInvokeEvent,
  method: keyof Api,
  handlers: ApiHandlers,
  args: unknown[]
): Promise<Result<unknown>> {
  if (!isTrustedFrame(event.senderFrame)) {
    return fail('forbidden-sender', `Refused ${apiChannels[method]} from an untrusted frame`)
  }
  const handler = handlers[method] as (...input: unknown[]) => Promise<Result<unknown>>
  try {
    return await handler(...args)
  } catch (error) {
    // An error thrown through ipcMain.handle reaches the renderer with only its message, so send it as data
    return fail('internal', error instanceof Error ? error.message : String(error))
  }
}
