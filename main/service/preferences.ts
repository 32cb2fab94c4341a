import { existsSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { TRADING_MODES, type TradingMode } from '@shared/api'
import { openConfPreferencesStore } from './conf-preferences-store'
import { PREFERENCES_STORE_NAME, type OpenPreferencesStore, type PreferencesStore } from './preferences-store'

/** The app's preferences: never a secret, never trading state (that is the journal's). */
export interface Preferences {
  /** The mode the app opens in. */
  readonly mode: TradingMode
  /** The last time the app was known to be running (epoch ms), for the "while you were away" timeline. */
  readonly lastActiveMs?: number
}

const preferencesSchema = z.strictObject({ mode: z.enum(TRADING_MODES), lastActiveMs: z.number().int().nonnegative().optional() })

/** The preferences file's name in the data folder. */
export const PREFERENCES_FILE = `${PREFERENCES_STORE_NAME}.json`

const DEFAULTS: Preferences = { mode: 'paper' }

/** The preferences of a data folder, as read when opened, and the way to write them. */
export interface PreferencesFile {
  /** The preferences read when the file was opened: the defaults (Paper mode) when there were none, or none readable. */
  readonly preferences: Preferences
  /** Writes the preferences (the whole file, replaced atomically). */
  write(preferences: Preferences): void
}

/**
 * Opens and reads the preferences file of a data folder through `openStore` (conf by default;
 * electron-store in the desktop app). A file that cannot be read as preferences is set aside as
 * `preferences.json.unreadable-<time>`, never overwritten in place, and the defaults are used;
 * `warn` says so.
 */
export function openPreferences(dataDir: string, warn: (message: string) => void, openStore: OpenPreferencesStore = openConfPreferencesStore): PreferencesFile {
  const path = join(dataDir, PREFERENCES_FILE)
  const existed = existsSync(path)
  let store: PreferencesStore | undefined
  let preferences = DEFAULTS
  let problem: string | undefined
  try {
    store = openStore(dataDir)
    if (existed) {
      const parsed = preferencesSchema.safeParse({ ...store.store })
      if (parsed.success) preferences = parsed.data
      else problem = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'preferences'}: ${issue.message}`).join('; ')
    }
  } catch (error) {
    problem = error instanceof SyntaxError ? 'it is not valid JSON' : firstLine(error)
  }
  if (problem !== undefined || store === undefined) {
    const aside = `${path}.unreadable-${Date.now()}`
    renameSync(path, aside)
    warn(`the preferences file could not be read (${problem ?? 'unknown'}); it is kept as ${aside} and the defaults are used`)
    store = openStore(dataDir)
  }
  const opened = store
  return {
    preferences,
    write: (next) => {
      opened.store = { ...preferencesSchema.parse(next) }
    }
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0] ?? message
}
