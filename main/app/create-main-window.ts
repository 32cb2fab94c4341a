import { BrowserWindow } from 'electron'
import { appEntryUrl } from '../web/app-origin'

/** How the window is opened. */
export interface MainWindowOptions {
  /** Whether DevTools may open: in development only, never in an installed app. */
  readonly devTools: boolean
}

/** Opens the single app window with the sandboxed preload and loads the renderer. */
export function createMainWindow(preloadPath: string, options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    title: 'Gridkeeper',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: options.devTools
    }
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(appEntryUrl)
  return window
}
