import Conf from 'conf'
import { PREFERENCES_STORE_NAME, PREFERENCES_STORE_OPTIONS, type PreferencesStore } from './preferences-store'

/** Opens the preferences file of a data folder with conf, for processes without Electron (`gridkeeper serve`). */
export function openConfPreferencesStore(dataDir: string): PreferencesStore {
  return new Conf<Record<string, unknown>>({ cwd: dataDir, configName: PREFERENCES_STORE_NAME, ...PREFERENCES_STORE_OPTIONS })
}
