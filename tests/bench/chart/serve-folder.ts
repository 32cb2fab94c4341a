import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { contentSecurityPolicy } from '../../../main/web/content-security-policy'

const contentTypes: Readonly<Record<string, string>> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' }

/** A folder served on loopback. */
export interface ServedFolder {
  /** The address of `index.html`, ending in a slash. */
  readonly url: string
  close(): Promise<void>
}

/** Serves the files of `root` on 127.0.0.1 (a free port) under the app's Content-Security-Policy header. */
export async function serveFolder(root: string): Promise<ServedFolder> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://loopback').pathname)).replace(/^[/\\]+/, '')
    const file = join(root, path === '' ? 'index.html' : path)
    if (!file.startsWith(root + sep)) {
      response.writeHead(404).end()
      return
    }
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream', 'content-security-policy': contentSecurityPolicy }).end(body),
      () => response.writeHead(404).end()
    )
  })
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen)
    server.listen(0, '127.0.0.1', () => resolveListen())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolveClose) => server.close(() => resolveClose()))
  }
}
