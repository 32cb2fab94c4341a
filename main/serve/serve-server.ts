import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import type { CommandHandlers } from '../api/command-handlers'
import type { Logger } from '../engine/logging/logger'
import type { ServiceEvents } from '../service/service-events'
import { allowedHosts, isAllowedHost, isWildcardHost } from './allowed-hosts'
import { serveApiConnection } from './api-connection'
import { Heartbeat } from './heartbeat'
import { RefusalTally, type RefusalReason } from './refusal-tally'
import { SECURITY_HEADERS, serveRendererFile } from './serve-files'
import { DEFAULT_SERVE_LIMITS, type ServeLimits } from './serve-limits'

/** The WebSocket path of the API. */
export const API_PATH = '/api'

/** What `gridkeeper serve` serves. */
export interface ServeServerOptions {
  readonly host: string
  /** 0 takes a free port. */
  readonly port: number
  /** The token every API connection must present. */
  readonly token: string
  /** The built renderer (out/renderer). */
  readonly rendererDir: string
  readonly handlers: CommandHandlers
  readonly events: ServiceEvents
  readonly logger: Logger
  /** Bounds and timeouts other than the defaults (tests shorten them). */
  readonly limits?: Partial<ServeLimits>
}

/** A listening `serve` server. */
export interface ServeServer {
  /** The page's origin, e.g. `http://127.0.0.1:8080`. */
  readonly origin: string
  /** The address to open: the origin with the token in the fragment (never sent to a server, never in a referrer). */
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

/** A refused request or upgrade: its status line, and the reason counted and shown. */
interface Refusal {
  readonly status: string
  readonly reason: RefusalReason
  readonly text: string
}

/**
 * Serves the app's UI and its API to a browser: the built renderer over HTTP, and the typed
 * contract over one WebSocket at `/api` (see serveApiConnection). Every request and upgrade must
 * name this server in its Host header; an API connection must also present the token and come
 * from a page of this server's own origin. Refusals are summed up in one log line a minute, idle
 * and silent sockets are closed, and no client can make the server hold more than a bounded
 * amount of unsent replies.
 */
export async function startServeServer(options: ServeServerOptions): Promise<ServeServer> {
  const limits: ServeLimits = { ...DEFAULT_SERVE_LIMITS, ...options.limits }
  const tally = new RefusalTally(options.logger, limits.refusalReportMs)
  const requestsInFlight = new WeakMap<Socket, number>()
  let hosts: ReadonlySet<string> = new Set()
  let origins: ReadonlySet<string> = new Set()
  let closing = false

  // Host is checked here, so a request without one is refused like any other unknown name
  const http = createServer({ requireHostHeader: false }, (request, response) => {
    const socket = request.socket
    if (socket.destroyed) return
    if (!isAllowedHost(request.headers.host, hosts)) {
      tally.count('bad host')
      response.writeHead(421, { ...SECURITY_HEADERS, connection: 'close', 'content-type': 'text/plain; charset=utf-8' }).end('this server answers only to its own address')
      return
    }
    // Browsers send one request at a time on a connection; a pile of unanswered ones is a flood
    const inFlight = (requestsInFlight.get(socket) ?? 0) + 1
    if (inFlight > limits.maxRequestsInFlight) {
      tally.count('too many requests at once')
      socket.destroy()
      return
    }
    requestsInFlight.set(socket, inFlight)
    response.once('close', () => requestsInFlight.set(socket, (requestsInFlight.get(socket) ?? 1) - 1))
    serveRendererFile(request, response, options.rendererDir).catch((error: unknown) => {
      options.logger.error('a page request failed', { error: String(error) })
      if (!response.headersSent) response.writeHead(500).end()
    })
  })
  http.keepAliveTimeout = limits.keepAliveMs
  // A connection that sends nothing (not even a request) is closed too
  http.setTimeout(limits.idleSocketMs)

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 })
  const heartbeat = new Heartbeat(limits.heartbeatMs, () => options.logger.debug('closed an API connection that stopped answering pings'))

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // The HTTP server no longer watches an upgraded socket: a reset must not go unhandled
    socket.on('error', () => socket.destroy())
    if (closing) {
      socket.destroy()
      return
    }
    const refusal = refuseUpgrade(request, options.token, hosts, origins)
    if (refusal !== undefined) {
      tally.count(refusal.reason)
      // Ended and destroyed: a client that never closes its side must not keep the socket half-open
      socket.end(`HTTP/1.1 ${refusal.status}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${refusal.text}`, () => socket.destroy())
      return
    }
    sockets.handleUpgrade(request, socket, head, (client) => {
      heartbeat.watch(client)
      serveApiConnection(client, { handlers: options.handlers, events: options.events, logger: options.logger, limits })
    })
  })

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(options.port, options.host, () => resolve())
  })
  const port = (http.address() as AddressInfo).port
  hosts = allowedHosts(options.host, port)
  origins = new Set([...hosts].map((host) => `http://${host}`))
  // A wildcard listens on loopback too, and a browser may not open 0.0.0.0
  const shownHost = isWildcardHost(options.host) ? '127.0.0.1' : options.host.includes(':') ? `[${options.host}]` : options.host
  const origin = `http://${shownHost}:${port}`
  return {
    origin,
    url: `${origin}/#token=${options.token}`,
    port,
    close: async () => {
      // A page left open keeps reconnecting over its kept-alive connections: refuse it, and drop them all
      closing = true
      heartbeat.stop()
      tally.flush()
      for (const client of sockets.clients) client.terminate()
      sockets.close()
      const closed = new Promise<void>((resolve) => http.close(() => resolve()))
      http.closeAllConnections()
      await closed
    }
  }
}

/** Says why an upgrade must be refused, or undefined when it may connect. */
function refuseUpgrade(request: IncomingMessage, token: string, hosts: ReadonlySet<string>, origins: ReadonlySet<string>): Refusal | undefined {
  if (!isAllowedHost(request.headers.host, hosts)) return { status: '421 Misdirected Request', reason: 'bad host', text: 'this server answers only to its own address' }
  const url = new URL(request.url ?? '/', 'http://localhost')
  if (url.pathname !== API_PATH) return { status: '404 Not Found', reason: 'no such endpoint', text: 'no such endpoint' }
  const origin = request.headers.origin
  if (origin === undefined || !origins.has(origin.toLowerCase())) return { status: '403 Forbidden', reason: 'bad origin', text: 'connections are accepted only from the app page this server serves' }
  const presented = Buffer.from(url.searchParams.get('token') ?? '')
  const expected = Buffer.from(token)
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return { status: '401 Unauthorized', reason: 'bad token', text: 'a missing or wrong token' }
  return undefined
}
