import { beforeEach, describe, expect, test, vi } from 'vitest'

const electron = vi.hoisted(() => {
  const windows: { options: { webPreferences: Record<string, unknown> }; url?: string }[] = []
  class BrowserWindow {
    readonly record: (typeof windows)[number]
    constructor(options: { webPreferences: Record<string, unknown> }) {
      this.record = { options }
      windows.push(this.record)
    }
    once(): void {}
    show(): void {}
    loadURL(url: string): Promise<void> {
      this.record.url = url
      return Promise.resolve()
    }
  }
  return { windows, BrowserWindow }
})

vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow, default: { BrowserWindow: electron.BrowserWindow } }))

const { createMainWindow } = await import('./create-main-window')

beforeEach(() => {
  electron.windows.length = 0
})

describe('createMainWindow', () => {
  test('opens the app page sandboxed, with DevTools off in an installed app', () => {
    createMainWindow('/app/preload/index.js', { devTools: false })
    expect(electron.windows).toHaveLength(1)
    expect(electron.windows[0]?.options.webPreferences).toMatchObject({ preload: '/app/preload/index.js', contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false })
    expect(electron.windows[0]?.url).toBe('app://gridkeeper/index.html')
  })

  test('allows DevTools in development', () => {
    createMainWindow('/app/preload/index.js', { devTools: true })
    expect(electron.windows[0]?.options.webPreferences['devTools']).toBe(true)
  })
})
