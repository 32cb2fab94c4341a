import { isAbsolute, join, relative, resolve } from 'node:path'
import { appOrigin } from './app-origin'

/** Maps an `app://gridkeeper/…` request URL to a file inside the renderer folder, or null when it must not be served. */
export function resolveRendererFile(requestUrl: string, rendererDir: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${appOrigin.scheme}:` || url.host !== appOrigin.host) return null
  return resolveRendererPath(url.pathname, rendererDir)
}

/** Maps a URL path (still percent-encoded) to a file inside the renderer folder, or null when it must not be served. */
export function resolveRendererPath(encodedPathname: string, rendererDir: string): string | null {
  let pathname: string
  try {
    pathname = decodeURIComponent(encodedPathname)
  } catch {
    return null
  }
  // A decoded backslash is a separator on Windows, and no shipped file name contains one
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  const root = resolve(rendererDir)
  const file = resolve(join(root, pathname === '/' ? 'index.html' : pathname))
  const inside = relative(root, file)
  // Encoded `..` segments survive URL parsing, so check containment after decoding
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null
  return file
}
