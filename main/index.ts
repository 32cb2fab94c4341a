/** Entry point of the Electron main process: wires the app shell and the engine together and nothing else. */
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, powerMonitor, powerSaveBlocker, session, shell } from 'electron'
import { join } from 'node:path'
import { eventChannels, PRODUCT_NAME } from '@shared/api'
import { registerAppScheme, serveRendererOverAppScheme } from './app/app-protocol'
import { installApplicationMenu } from './app/application-menu'
import { createMainWindow } from './app/create-main-window'
import { openElectronPreferencesStore } from './app/electron-preferences-store'
import { lockDevTools } from './app/devtools-lock'
import { hardenWebContents } from './app/harden-web-contents'
import { IncidentNotifier } from './app/incident-notifier'
import { registerIpcHandlers } from './app/register-ipc-handlers'
import { SleepGuard } from './app/sleep-guard'
import { describeIgnoredOverrides, readEnvironmentOverrides } from './service/environment-overrides'
import { FileLogger } from './cli/run/file-logger'
import { prepareDataFolder } from './files/prepare-data-folder'
import { KeytarKeyStore } from './keys/keytar-key-store'
import { AppService } from './service/app-service'

const preloadPath = join(__dirname, '../preload/index.js')
const rendererDir = join(__dirname, '../renderer')

// The name decides the user-data folder, and the single-instance lock lives there
app.setName(PRODUCT_NAME)
// An installed app has no DevTools and takes only loopback addresses from the environment
const packaged = app.isPackaged
// Another data folder, and paper or testnet servers started separately: for end-to-end tests of the desktop app
const overrides = readEnvironmentOverrides(process.env, { packaged })
if (overrides.dataDir !== undefined) app.setPath('userData', overrides.dataDir)

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  registerAppScheme()
  let mainWindow: BrowserWindow | null = null
  let service: AppService | null = null
  let stopped = false

  app.on('second-instance', () => {
    if (mainWindow === null) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  // Before the process ends: ask what to do with orders on the exchange, then the bots' loops stop and the journal closes
  app.on('before-quit', (event) => {
    if (service === null || stopped) return
    event.preventDefault()
    const closing = service
    void quit(closing).then((quitting) => {
      if (!quitting) return
      service = null
      void closing.stop().finally(() => {
        stopped = true
        app.quit()
      })
    })
  })

  /** Asks whether to leave the grid on the exchange or cancel everything; resolves false when the person stays. */
  async function quit(closing: AppService): Promise<boolean> {
    if (!closing.hasOpenOrders()) return true
    const options = {
      type: 'question' as const,
      title: 'Quit Gridkeeper',
      message: 'Your bots have orders on the exchange.',
      detail: 'Leave them running: the exchange keeps the grid and the OCO backstop protects the position while the app is closed; the bots reconcile on the next start. Or cancel every order now.',
      buttons: ['Leave the grid running', 'Cancel everything and quit', "Don't quit"],
      defaultId: 0,
      cancelId: 2
    }
    const { response } = mainWindow === null ? await dialog.showMessageBox(options) : await dialog.showMessageBox(mainWindow, options)
    if (response === 2) return false
    if (response === 1) {
      const result = await closing.cancelEverything()
      const stillOpen = result.ok ? result.value.flatMap((outcome) => outcome.stillOpen) : []
      if (!result.ok || stillOpen.length > 0) {
        await dialog.showMessageBox({ type: 'warning', title: 'Quit Gridkeeper', message: 'Not every order could be cancelled.', detail: result.ok ? `Still open: ${stillOpen.join(', ')}` : result.error.message, buttons: ['Quit anyway'] })
      }
    }
    return true
  }

  void app.whenReady().then(() => {
    hardenWebContents(app, session.defaultSession, (url) => shell.openExternal(url))
    installApplicationMenu(Menu, { packaged, platform: process.platform })
    if (packaged) app.on('web-contents-created', (_event, contents) => lockDevTools(contents))
    serveRendererOverAppScheme(rendererDir)
    const dataDir = app.getPath('userData')
    try {
      prepareDataFolder(dataDir, 'start Gridkeeper with another data folder (GRIDKEEPER_DATA_DIR)')
      const logger = new FileLogger(join(dataDir, 'gridkeeper.log'), 'info', (text) => void process.stdout.write(text), Date.now, 'start Gridkeeper with another data folder (GRIDKEEPER_DATA_DIR)')
      if (overrides.ignored.length > 0) logger.warn(describeIgnoredOverrides(overrides.ignored))
      service = new AppService({ dataDir, version: app.getVersion(), logger, transport: 'ipc', keyStore: new KeytarKeyStore(), preferencesStore: openElectronPreferencesStore, ...overrides.service })
    } catch (error) {
      // Nothing can run without its data folder: say why in words, and end
      const message = error instanceof Error ? error.message : String(error)
      process.stderr.write(`Gridkeeper cannot start: ${message}\n`)
      dialog.showErrorBox('Gridkeeper cannot start', message)
      app.exit(2)
      return
    }
    registerIpcHandlers(ipcMain, service.handlers())
    const running = service
    const notifier = new IncidentNotifier((title, body) => {
      if (Notification.isSupported()) new Notification({ title, body, urgency: 'critical' }).show()
    })
    const sleepGuard = new SleepGuard(powerSaveBlocker)
    running.events.listen((event, payload) => {
      if (mainWindow !== null && !mainWindow.isDestroyed()) mainWindow.webContents.send(eventChannels[event], payload)
      if (event === 'state') {
        notifier.onState(payload as Parameters<IncidentNotifier['onState']>[0])
        sleepGuard.update(running.keepAwake())
      }
    })
    // After sleep every bot reconciles with the exchange before anything else, then shows what happened
    let suspendedAtMs = Date.now()
    powerMonitor.on('suspend', () => (suspendedAtMs = Date.now()))
    powerMonitor.on('resume', () => void running.resumed(suspendedAtMs))
    void running.start()
    mainWindow = createMainWindow(preloadPath, { devTools: !packaged })
    mainWindow.on('closed', () => (mainWindow = null))
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(preloadPath, { devTools: !packaged })
    })
  })
}
