import { fail, type ApiCommands, type Result } from '@shared/api'
import { commandSchemas } from '@shared/api/command-schemas'
import { parseCommandParams } from '@shared/api/parse-command-params'
import { quotedInput } from '@shared/validation/quoted-input'
import type { CommandHandlers } from './command-handlers'

/** Characters of an unexpected failure's text an answer carries at most. */
const INTERNAL_MESSAGE_CHARACTERS = 300

/** Tells whether a name is a command of the contract. */
export function isCommand(name: unknown): name is keyof ApiCommands {
  return typeof name === 'string' && Object.hasOwn(commandSchemas, name)
}

/**
 * Runs one command for a transport: the name must be a command of the contract and the payload
 * must match its schema, or the answer is a failed Result saying why, one sentence per problem;
 * a handler that throws is answered as a failed Result too, so nothing reaches the UI as an
 * exception.
 */
export async function dispatchCommand(handlers: CommandHandlers, name: unknown, params: unknown): Promise<Result<unknown>> {
  if (!isCommand(name)) return fail('unknown-command', `${typeof name === 'string' ? quotedInput(name) : 'A nameless message'} is not a command of the app`)
  const parsed = parseCommandParams(name, params)
  if (!parsed.ok) return fail('invalid-params', parsed.problems.join('; '), { problems: parsed.problems })
  const handler = handlers[name] as (input: unknown) => Promise<Result<unknown>>
  try {
    return await handler(parsed.params)
  } catch (error) {
    // A bug's text, kept to its first line and cut, so an answer never carries a stack or a whole input
    const text = (error instanceof Error ? error.message : String(error)).split('\n', 1)[0] ?? ''
    return fail('internal', text.length > INTERNAL_MESSAGE_CHARACTERS ? `${text.slice(0, INTERNAL_MESSAGE_CHARACTERS)}…` : text)
  }
}
