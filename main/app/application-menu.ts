import type { Menu, MenuItemConstructorOptions } from 'electron'

/** Which build the menu is for. */
export interface ApplicationMenuOptions {
  /** A packaged (installed) app: no DevTools and no reload. */
  readonly packaged: boolean
  readonly platform: NodeJS.Platform
}

/**
 * Returns the app's menu: the standard app, File, Edit, View (zoom, full screen) and Window menus.
 * Only a development build adds reload and DevTools; Electron's default menu would offer them
 * to anyone using an installed app.
 */
export function applicationMenuTemplate(options: ApplicationMenuOptions): MenuItemConstructorOptions[] {
  const development: MenuItemConstructorOptions[] = options.packaged ? [] : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
  return [
    ...(options.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: [...development, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' }
  ]
}

/** Replaces Electron's default menu with the app's. */
export function installApplicationMenu(menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>, options: ApplicationMenuOptions): void {
  menu.setApplicationMenu(menu.buildFromTemplate(applicationMenuTemplate(options)))
}
