/**
 * The JSON store the preferences file is read and written through: electron-store in the desktop
 * app, and conf, its core, under plain Node (`gridkeeper serve`). Both keep the same file.
 */
export interface PreferencesStore {
  /** Where the file is. */
  readonly path: string
  /** The file's whole content: reading parses the file, assigning replaces it atomically. */
  store: Record<string, unknown>
}

/** Opens the preferences store of a data folder; throws when the file is there but cannot be read as JSON. */
export type OpenPreferencesStore = (dataDir: string) => PreferencesStore

/** The file's name in the data folder, without its `.json`. */
export const PREFERENCES_STORE_NAME = 'preferences'

/**
 * The options electron-store and conf are both given. The file is written as it always was (JSON
 * indented by two spaces, a final newline) and holds nothing but the preferences, so an earlier
 * version of the app still reads what this one writes. An unreadable file is never cleared: the
 * caller sets it aside.
 */
export const PREFERENCES_STORE_OPTIONS = {
  fileExtension: 'json',
  serialize: (value: Record<string, unknown>) => `${JSON.stringify(value, null, 2)}\n`,
  clearInvalidConfig: false,
  accessPropertiesByDotNotation: false,
  watch: false
} as const
