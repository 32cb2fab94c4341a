import { fail, type ApiCommands, type Result } from '@shared/api'
import { commandSchemas } from '@shared/api/command-schemas'
import type { CommandHandlers } from './command-handlers'

/** Tells whether a name is a command of the contract. */
export function isCommand(name: unknown): name is keyof ApiCommands {
  return typeof name === 'string' && Object.hasOwn(commandSchemas, name)
}

/**
 * Runs one command for a transport: the name must be a command of the contract and the payload
 * must match its schema, or the answer is a failed Result saying why; a handler that throws is
 * answered as a failed Result too, so nothing reaches the UI as an exception.
 */
export async function dispatchCommand(handlers: CommandHandlers, name: unknown, params: unknown): Promise<Result<unknown>> {
  if (!isCommand(name)) return fail('unknown-command', `${typeof name === 'string' ? `"${name.slice(0, 64)}"` : 'a nameless message'} is not a command of the app`)
  const parsed = commandSchemas[name].safeParse(params)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.length === 0 ? 'params' : issue.path.join('.')}: ${issue.message}`)
    return fail('invalid-params', `${name}: ${problems.join('; ')}`, { problems })
  }
  const handler = handlers[name] as (input: unknown) => Promise<Result<unknown>>
  try {
    return await handler(parsed.data)
  } catch (error) {
    return fail('internal', error instanceof Error ? error.message : String(error))
  }
}
