import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { TRADING_MODES, type TradingMode } from '@shared/api'

/** The app's preferences: never a secret, never trading state (that is the journal's). */
export interface Preferences {
  /** The mode the app opens in. */
  readonly mode: TradingMode
  /** The last time the app was known to be running (epoch ms), for the "while you were away" timeline. */
  readonly lastActiveMs?: number
}

const preferencesSchema = z.strictObject({ mode: z.enum(TRADING_MODES), lastActiveMs: z.number().int().nonnegative().optional() })

/** The preferences file's name in the data folder. */
export const PREFERENCES_FILE = 'preferences.json'

const DEFAULTS: Preferences = { mode: 'paper' }

/**
 * Reads the preferences; none yet gives the defaults (Paper mode). A file that cannot be read as
 * preferences is set aside as `preferences.json.unreadable-<time>`, never overwritten in place,
 * and the defaults are used; `warn` says so.
 */
export function readPreferences(dataDir: string, warn: (message: string) => void): Preferences {
  const path = join(dataDir, PREFERENCES_FILE)
  if (!existsSync(path)) return DEFAULTS
  let problem: string
  try {
    const parsed = preferencesSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')))
    if (parsed.success) return parsed.data
    problem = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'preferences'}: ${issue.message}`).join('; ')
  } catch (error) {
    problem = (error as Error).message
  }
  const aside = `${path}.unreadable-${Date.now()}`
  renameSync(path, aside)
  warn(`the preferences file could not be read (${problem}); it is kept as ${aside} and the defaults are used`)
  return DEFAULTS
}

/** Writes the preferences (whole file, replaced atomically). */
export function writePreferences(dataDir: string, preferences: Preferences): void {
  const path = join(dataDir, PREFERENCES_FILE)
  writeFileSync(`${path}.new`, `${JSON.stringify(preferencesSchema.parse(preferences), null, 2)}\n`)
  renameSync(`${path}.new`, path)
}
