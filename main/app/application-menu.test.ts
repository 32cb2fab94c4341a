import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, test, vi } from 'vitest'
import { applicationMenuTemplate, installApplicationMenu } from './application-menu'

/** Every role in a menu template, submenus included. */
function roles(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role === undefined ? [] : [item.role]), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])])
}

const DEVELOPER_ROLES = ['reload', 'forceReload', 'toggleDevTools', 'viewMenu']

describe('applicationMenuTemplate', () => {
  test.each(['linux', 'win32', 'darwin'] as const)('has no DevTools or reload item in an installed app on %s', (platform) => {
    const template = applicationMenuTemplate({ packaged: true, platform })
    expect(roles(template).filter((role) => DEVELOPER_ROLES.includes(role))).toEqual([])
    expect(roles(template)).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'zoomIn', 'togglefullscreen', 'windowMenu']))
  })

  test('keeps reload and DevTools in development', () => {
    expect(roles(applicationMenuTemplate({ packaged: false, platform: 'linux' }))).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']))
  })

  test('has the app menu on macOS only', () => {
    expect(roles(applicationMenuTemplate({ packaged: true, platform: 'darwin' }))[0]).toBe('appMenu')
    expect(roles(applicationMenuTemplate({ packaged: true, platform: 'linux' }))).not.toContain('appMenu')
  })
})

describe('installApplicationMenu', () => {
  test("replaces Electron's default menu, which offers DevTools, with the app's", () => {
    const built = { id: 'menu' }
    const menu = { buildFromTemplate: vi.fn(() => built), setApplicationMenu: vi.fn() }
    installApplicationMenu(menu as never, { packaged: true, platform: 'win32' })
    expect(menu.setApplicationMenu).toHaveBeenCalledWith(built)
    const template = menu.buildFromTemplate.mock.calls[0] as unknown as [MenuItemConstructorOptions[]]
    expect(roles(template[0])).not.toContain('toggleDevTools')
  })
})
