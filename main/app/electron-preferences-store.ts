import { ipcMain } from 'electron'
import ElectronStore from 'electron-store'
import { PREFERENCES_STORE_NAME, PREFERENCES_STORE_OPTIONS, type PreferencesStore } from '../service/preferences-store'

/** The channel electron-store answers renderers on with the data folder's path and the app's version. */
const ELECTRON_STORE_CHANNEL = 'electron-store-get-data'

/** Opens the preferences file of a data folder with electron-store, in the Electron main process. */
export function openElectronPreferencesStore(dataDir: string): PreferencesStore {
  const store = new ElectronStore<Record<string, unknown>>({ cwd: dataDir, name: PREFERENCES_STORE_NAME, ...PREFERENCES_STORE_OPTIONS })
  // Only the main process reads the preferences, and the page talks through the contract's channels alone
  ipcMain.removeAllListeners(ELECTRON_STORE_CHANNEL)
  return store
}
