// A stand-in for the `electron` module, so the built main process (out/main/index.js) runs under
// plain Node: node -r ./tests/support/electron-stub.cjs out/main/index.js, spawned with an IPC
// channel. It records what main does with Electron (windows, IPC handlers, messages to the page,
// notifications, sleep blocks, dialogs, the menu) and reports it to the parent; the parent drives
// it with messages: invoke a command channel as a given frame, press a key, emit a power event, quit.
const Module = require('node:module')
const { EventEmitter } = require('node:events')
const { resolve } = require('node:path')

const report = (message) => process.send?.(message)
const handlers = new Map()
const paths = new Map([['userData', resolve(process.env.GRIDKEEPER_DATA_DIR ?? '.tmp/electron-stub')]])
const windows = []
let dialogResponses = (process.env.STUB_DIALOG_RESPONSES ?? '0').split(',').map(Number)

class App extends EventEmitter {
  // STUB_PACKAGED=1 plays an installed app
  isPackaged = process.env.STUB_PACKAGED === '1'
  setName(name) { report({ type: 'app', call: 'setName', name }) }
  setPath(name, path) { paths.set(name, path) }
  getPath(name) { return paths.get(name) }
  getVersion() { return '0.0.0-stub' }
  requestSingleInstanceLock() { return true }
  whenReady() { return Promise.resolve() }
  quit() {
    let prevented = false
    this.emit('before-quit', { preventDefault: () => (prevented = true) })
    report({ type: 'app', call: 'quit', prevented })
    if (!prevented) setImmediate(() => process.exit(0))
  }
  exit(code) {
    report({ type: 'app', call: 'exit', code })
    setImmediate(() => process.exit(code))
  }
}
const app = new App()

class WebContents extends EventEmitter {
  send(channel, payload) { report({ type: 'send', channel, payload }) }
  setWindowOpenHandler() {}
  closeDevTools() { report({ type: 'closeDevTools' }) }
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super()
    this.options = options
    this.webContents = new WebContents()
    windows.push(this)
    report({ type: 'window', options: { webPreferences: options.webPreferences } })
    app.emit('web-contents-created', {}, this.webContents)
  }
  static getAllWindows() { return windows }
  loadURL(url) { report({ type: 'loadURL', url }); return Promise.resolve() }
  isDestroyed() { return false }
  isMinimized() { return false }
  restore() {}
  focus() {}
  show() {}
}

class Notification {
  constructor(options) { this.options = options }
  static isSupported() { return true }
  show() { report({ type: 'notification', title: this.options.title, body: this.options.body }) }
}

const session = {
  defaultSession: {
    webRequest: { onHeadersReceived() {} },
    setPermissionRequestHandler() {},
    setPermissionCheckHandler() {}
  }
}

const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: (menu) => report({ type: 'menu', template: menu === null ? null : menu.template })
}

// Commands come through handle; `on` listeners (none should be left) are reported with the channels
const ipcMain = Object.assign(new EventEmitter(), { handle: (channel, handler) => handlers.set(channel, handler) })

const electron = {
  app,
  BrowserWindow,
  Menu,
  Notification,
  session,
  ipcMain,
  protocol: { registerSchemesAsPrivileged() {}, handle() {} },
  shell: { openExternal: async (url) => report({ type: 'openExternal', url }) },
  net: { fetch: () => Promise.reject(new Error('no net in the stub')) },
  dialog: {
    showErrorBox: (title, content) => report({ type: 'error-box', title, content }),
    showMessageBox: async (...args) => {
      const options = args.length > 1 ? args[1] : args[0]
      const response = dialogResponses.length > 1 ? dialogResponses.shift() : dialogResponses[0]
      report({ type: 'dialog', message: options.message, buttons: options.buttons, response })
      return { response, checkboxChecked: false }
    }
  },
  powerMonitor: new EventEmitter(),
  powerSaveBlocker: {
    start: (type) => (report({ type: 'powerSaveBlocker', call: 'start', blockType: type }), 7),
    stop: (id) => report({ type: 'powerSaveBlocker', call: 'stop', id })
  }
}

const original = Module._load
Module._load = function load(request, parent, isMain) {
  if (request === 'electron') return electron
  return original.call(this, request, parent, isMain)
}

process.on('message', async (message) => {
  if (message.type === 'invoke') {
    const handler = handlers.get(message.channel)
    if (handler === undefined) return report({ type: 'result', id: message.id, error: `no handler for ${message.channel}` })
    const event = { senderFrame: message.url === null ? null : { url: message.url, parent: null } }
    try {
      report({ type: 'result', id: message.id, value: await handler(event, ...message.args) })
    } catch (error) {
      report({ type: 'result', id: message.id, error: String(error) })
    }
  } else if (message.type === 'channels') {
    report({ type: 'channels', channels: [...handlers.keys()].sort(), listened: ipcMain.eventNames().map(String).sort() })
  } else if (message.type === 'input') {
    // A key press in the window; reports whether main swallowed it
    let prevented = false
    windows[0]?.webContents.emit('before-input-event', { preventDefault: () => (prevented = true) }, message.input)
    report({ type: 'input', prevented })
  } else if (message.type === 'power') {
    electron.powerMonitor.emit(message.event)
  } else if (message.type === 'dialog-responses') {
    dialogResponses = message.responses
  } else if (message.type === 'quit') {
    app.quit()
  }
})
