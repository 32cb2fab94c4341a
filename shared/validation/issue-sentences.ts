import type { z } from 'zod'
import { quotedInput } from './quoted-input'

/** Names the setting at a path of a validated value, e.g. `['grid', 'lower']` as "Lower price". */
export type SettingNamer = (path: readonly PropertyKey[]) => string

/** Unknown setting names a message lists at most. */
const LISTED_KEYS = 3

/**
 * Words each problem zod finds by itself as what the setting must be ("must be at least 1"), to
 * follow the setting's name. Every parse of a person's input runs with it; a schema's own message
 * wins over it, and is written the same way.
 */
export const predicateErrors: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is missing' : expectedKind(issue.expected)
    case 'too_small':
      return tooSmall(issue.origin, issue.minimum, issue.inclusive !== false)
    case 'too_big':
      return tooBig(issue.origin, issue.maximum, issue.inclusive !== false)
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${String(issue.values[0])}` : `must be one of ${issue.values.map(String).join(', ')}`
    case 'unrecognized_keys':
      return unknownKeys(issue.keys)
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`
    case 'invalid_union':
      return 'is none of the forms it may take'
    case 'invalid_format':
      return 'is not written in the form it needs'
    case 'invalid_key':
      return 'has a name that is not allowed'
    case 'invalid_element':
      return 'has an entry that is not valid'
    default:
      return 'is not valid'
  }
}

/**
 * Words each problem as one sentence that names its setting, such as "Lower price must be a
 * number like 55000"; the same sentence twice is said once.
 */
export function issueSentences(issues: readonly z.core.$ZodIssue[], nameOf: SettingNamer): string[] {
  return [...new Set(issues.map((issue) => `${nameOf(issue.path)} ${issue.message}`))]
}

function expectedKind(expected: string): string {
  switch (expected) {
    case 'string':
      return 'must be text'
    case 'number':
      return 'must be a number'
    case 'int':
      return 'must be a whole number'
    case 'boolean':
      return 'must be true or false'
    case 'object':
    case 'record':
      return 'must be a group of named settings'
    case 'array':
      return 'must be a list'
    case 'undefined':
      return 'must be left out: nothing goes there'
    default:
      return 'is not the kind of value it needs'
  }
}

function tooSmall(origin: string, minimum: number | bigint, inclusive: boolean): string {
  if (origin === 'string') return minimum === 1 ? 'must not be empty' : `must be at least ${minimum} characters long`
  if (origin === 'array' || origin === 'set') return `must have at least ${minimum} ${minimum === 1 ? 'entry' : 'entries'}`
  return inclusive ? `must be at least ${minimum}` : `must be above ${minimum}`
}

function tooBig(origin: string, maximum: number | bigint, inclusive: boolean): string {
  if (origin === 'string') return `must be at most ${maximum} characters long`
  if (origin === 'array' || origin === 'set') return `must have at most ${maximum} ${maximum === 1 ? 'entry' : 'entries'}`
  return inclusive ? `must be at most ${maximum}` : `must be below ${maximum}`
}

function unknownKeys(keys: readonly string[]): string {
  const listed = keys.slice(0, LISTED_KEYS).map(quotedInput).join(', ')
  const more = keys.length > LISTED_KEYS ? ` and ${keys.length - LISTED_KEYS} more` : ''
  return `has ${keys.length === 1 ? 'a setting' : 'settings'} it does not know: ${listed}${more}`
}
