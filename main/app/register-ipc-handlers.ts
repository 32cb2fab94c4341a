import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { commandChannels, fail, type ApiCommands, type Result } from '@shared/api'
import type { CommandHandlers } from '../api/command-handlers'
import { dispatchCommand } from '../api/dispatch-command'
import { isTrustedFrame } from './is-trusted-frame'

/**
 * Registers one `ipcMain.handle` per command of the contract. Every message has its sender frame
 * checked and its payload validated against the command's schema before a handler sees it.
 */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, handlers: CommandHandlers): void {
  for (const method of Object.keys(commandChannels) as (keyof ApiCommands)[]) {
    ipcMain.handle(commandChannels[method], (event: IpcMainInvokeEvent, ...args: unknown[]) => answer(event, method, handlers, args))
  }
}

async function answer(event: IpcMainInvokeEvent, method: keyof ApiCommands, handlers: CommandHandlers, args: unknown[]): Promise<Result<unknown>> {
  if (!isTrustedFrame(event.senderFrame)) return fail('forbidden-sender', `Refused ${commandChannels[method]} from an untrusted frame`)
  if (args.length > 1) return fail('invalid-params', `${method}: takes at most one parameter object, got ${args.length} arguments`)
  return dispatchCommand(handlers, method, args[0])
}
