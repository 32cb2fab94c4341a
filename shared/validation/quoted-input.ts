/** How many characters of a person's input a message repeats at most. */
export const QUOTED_INPUT_CHARACTERS = 32

/**
 * Returns a value a person gave, fit to repeat in a message: text in double quotes with control
 * characters escaped, cut to a few dozen characters (with how long it really was), and anything
 * else named by its kind, so a message stays one short line whatever came in.
 */
export function quotedInput(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= QUOTED_INPUT_CHARACTERS) return JSON.stringify(value)
    return `${JSON.stringify(value.slice(0, QUOTED_INPUT_CHARACTERS)).slice(0, -1)}…" (${value.length} characters)`
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    const text = String(value)
    return text.length <= QUOTED_INPUT_CHARACTERS ? text : quotedInput(text)
  }
  if (value === null) return 'null'
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  return typeof value === 'object' ? 'a group of values' : `a ${typeof value}`
}
