import type { App, Session } from 'electron'
import { isAllowedExternalLink } from './external-links'
import { contentSecurityPolicy } from '../web/content-security-policy'

/**
 * Applies the app-wide security rules: every page gets the Content-Security-Policy header, no
 * permission is granted, and no page can navigate, open a window or attach a webview (a listed
 * external link opens in the system browser instead).
 */
export function hardenWebContents(app: App, session: Session, openExternal: (url: string) => Promise<void>): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] }
    })
  })
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  app.on('web-contents-created', (_event, contents) => {
    // The UI is a single page; any navigation means content we did not ship
    contents.on('will-frame-navigate', (event) => event.preventDefault())
    contents.on('will-attach-webview', (event) => event.preventDefault())
    // No window ever opens; the few links meant for the browser (the chart's attribution) go there
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalLink(url)) void openExternal(url)
      return { action: 'deny' }
    })
  })
}
