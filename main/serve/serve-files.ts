import { readFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname } from 'node:path'
import { contentSecurityPolicy } from '../web/content-security-policy'
import { resolveRendererPath } from '../web/resolve-renderer-file'

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

/** Headers of every answer: the app's CSP, no framing, no sniffing, no referrer (the token stays in the page). */
export const SECURITY_HEADERS = {
  'content-security-policy': contentSecurityPolicy,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store'
}

/** Answers a request for one of the built renderer's files; anything else is 404, and only GET and HEAD are allowed. */
export async function serveRendererFile(request: IncomingMessage, response: ServerResponse, rendererDir: string): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...SECURITY_HEADERS, allow: 'GET, HEAD' }).end()
    return
  }
  const pathname = new URL(request.url ?? '/', 'http://localhost').pathname
  const file = resolveRendererPath(pathname, rendererDir)
  const type = file === null ? undefined : CONTENT_TYPES[extname(file)]
  if (file === null || type === undefined) {
    response.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end('not found')
    return
  }
  let body: Buffer
  try {
    body = await readFile(file)
  } catch {
    response.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end('not found')
    return
  }
  response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': body.length })
  response.end(request.method === 'HEAD' ? undefined : body)
}
