/** Entry point of the Electron main process: wires the app shell together and nothing else. */
import { app, BrowserWindow, ipcMain, session } from 'electron'
import { join } from 'node:path'
import { ok } from '@shared/api'
import { registerAppScheme, serveRendererOverAppScheme } from './app/app-protocol'
import { createMainWindow } from './app/create-main-window'
import { hardenWebContents } from './app/harden-web-contents'
import { productName, readAppInfo } from './app/read-app-info'
import { registerIpcHandlers } from './app/register-ipc-handlers'

const preloadPath = join(__dirname, '../preload/index.js')
const rendererDir = join(__dirname, '../renderer')

// The name decides the user-data folder, and the single-instance lock lives there
app.setName(productName)

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  registerAppScheme()
  let mainWindow: BrowserWindow | null = null

  app.on('second-instance', () => {
    if (mainWindow === null) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  void app.whenReady().then(() => {
    hardenWebContents(app, session.defaultSession)
    serveRendererOverAppScheme(rendererDir)
    registerIpcHandlers(ipcMain, { getInfo: async () => ok(readAppInfo(app.getVersion())) })
    mainWindow = createMainWindow(preloadPath)
    mainWindow.on('closed', () => (mainWindow = null))
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(preloadPath)
    })
  })
}
