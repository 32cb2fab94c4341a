import { issueSentences, predicateErrors } from '../validation/issue-sentences'
import type { ApiCommands } from './api'
import { commandParamName } from './command-param-names'
import { commandSchemas, type CommandParams } from './command-schemas'

/** A command's parameters after validation, or every problem as a sentence for a person. */
export type ParsedCommandParams<Method extends keyof ApiCommands> =
  | { readonly ok: true; readonly params: CommandParams<Method> }
  | { readonly ok: false; readonly problems: readonly string[] }

/**
 * Validates a command's parameters against its schema, whatever came in, without throwing; each
 * problem is a sentence naming the parameter, e.g. "Bot id must be 1 to 8 letters or digits", and
 * repeats at most a few dozen characters of what was given.
 */
export function parseCommandParams<Method extends keyof ApiCommands>(method: Method, params: unknown): ParsedCommandParams<Method> {
  const parsed = commandSchemas[method].safeParse(params, { error: predicateErrors })
  if (parsed.success) return { ok: true, params: parsed.data as CommandParams<Method> }
  return { ok: false, problems: issueSentences(parsed.error.issues, commandParamName) }
}
