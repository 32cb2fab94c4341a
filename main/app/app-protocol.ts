import { net, protocol } from 'electron'
import { pathToFileURL } from 'node:url'
import { appOrigin } from '../web/app-origin'
import { contentSecurityPolicy } from '../web/content-security-policy'
import { resolveRendererFile } from '../web/resolve-renderer-file'

/** Registers the app scheme as a secure standard scheme; must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appOrigin.scheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

/** Serves the built renderer over the app scheme, with the Content-Security-Policy on every response. */
export function serveRendererOverAppScheme(rendererDir: string): void {
  protocol.handle(appOrigin.scheme, async (request) => {
    const file = resolveRendererFile(request.url, rendererDir)
    if (file === null) return new Response('Not found', { status: 404 })
    const response = await net.fetch(pathToFileURL(file).href)
    const headers = new Headers(response.headers)
    headers.set('Content-Security-Policy', contentSecurityPolicy)
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(response.body, { status: response.status, headers })
  })
}
