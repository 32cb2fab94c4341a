import type { WebFrameMain } from 'electron'
import { appOrigin } from '../web/app-origin'

/** Tells whether an IPC message comes from the main frame of a page served from the app's own origin. */
export function isTrustedFrame(frame: Pick<WebFrameMain, 'url' | 'parent'> | null | undefined): boolean {
  // A destroyed or navigated-away frame has no sender to trust
  if (!frame || frame.parent !== null) return false
  let url: URL
  try {
    url = new URL(frame.url)
  } catch {
    return false
  }
  // WHATWG URL gives `null` as the origin of a custom scheme, so compare scheme and host
  return url.protocol === `${appOrigin.scheme}:` && url.host === appOrigin.host && url.username === '' && url.port === ''
}
