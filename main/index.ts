/** Entry point of the Electron main process: wires the app shell and the engine together and nothing else. */
import { app, BrowserWindow, ipcMain, session } from 'electron'
import { join } from 'node:path'
import { eventChannels, PRODUCT_NAME } from '@shared/api'
import { registerAppScheme, serveRendererOverAppScheme } from './app/app-protocol'
import { createMainWindow } from './app/create-main-window'
import { hardenWebContents } from './app/harden-web-contents'
import { registerIpcHandlers } from './app/register-ipc-handlers'
import { FileLogger } from './cli/run/file-logger'
import { KeytarKeyStore } from './keys/keytar-key-store'
import { AppService } from './service/app-service'

const preloadPath = join(__dirname, '../preload/index.js')
const rendererDir = join(__dirname, '../renderer')

// The name decides the user-data folder, and the single-instance lock lives there
app.setName(PRODUCT_NAME)

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

  // The bots' loops stop and the journal closes before the process ends; orders stay on the exchange
  app.on('before-quit', (event) => {
    if (service === null || stopped) return
    event.preventDefault()
    const closing = service
    service = null
    void closing.stop().finally(() => {
      stopped = true
      app.quit()
    })
  })

  void app.whenReady().then(() => {
    hardenWebContents(app, session.defaultSession)
    serveRendererOverAppScheme(rendererDir)
    const dataDir = app.getPath('userData')
    const logger = new FileLogger(join(dataDir, 'gridkeeper.log'), 'info', (text) => void process.stdout.write(text))
    service = new AppService({ dataDir, version: app.getVersion(), logger, transport: 'ipc', keyStore: new KeytarKeyStore() })
    registerIpcHandlers(ipcMain, service.handlers())
    service.events.listen((event, payload) => {
      if (mainWindow !== null && !mainWindow.isDestroyed()) mainWindow.webContents.send(eventChannels[event], payload)
    })
    void service.start()
    mainWindow = createMainWindow(preloadPath)
    mainWindow.on('closed', () => (mainWindow = null))
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(preloadPath)
    })
  })
}
