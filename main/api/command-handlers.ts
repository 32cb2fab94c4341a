import type { ApiCommands, Result } from '@shared/api'
import type { CommandParams, CommandValue } from '@shared/api/command-schemas'

/** Implements every command of the contract on the main side, with validated parameters. */
export type CommandHandlers = {
  readonly [Method in keyof ApiCommands]: (params: CommandParams<Method>) => Promise<Result<CommandValue<Method>>>
}
