import { quotedInput } from './quoted-input'

/** Returns the name a table gives the setting at a path, with list entries named by their place. */
export function settingName(names: Readonly<Record<string, string>>, path: readonly PropertyKey[]): string {
  const key = path.filter((part) => typeof part === 'string').join('.')
  const entries = path.filter((part): part is number => typeof part === 'number').map((index) => ` (entry ${index + 1})`)
  const name = Object.hasOwn(names, key) ? names[key] : undefined
  return `${name ?? `The setting ${quotedInput(key)}`}${entries.join('')}`
}
