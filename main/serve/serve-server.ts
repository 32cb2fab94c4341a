import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { fail } from '@shared/api'
import type { CommandHandlers } from '../api/command-handlers'
import { dispatchCommand } from '../api/dispatch-command'
import type { Logger } from '../engine/logging/logger'
import type { ServiceEvents } from '../service/service-events'
import { serveRendererFile } from './serve-files'

/** The WebSocket path of the API. */
export const API_PATH = '/api'

/** A client whose socket holds more than this unsent is behind: candle updates to it are dropped until it catches up. */
const SLOW_CLIENT_BYTES = 4 * 1024 * 1024

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

/**
 * Serves the app's UI and its API to a browser: the built renderer over HTTP, and the typed
 * contract over one WebSocket at `/api`. A connection must present the token and come from a
 * page of this server's own origin; each message `{id, method, params}` is validated and
 * answered `{id, result}`, and events are pushed as `{event, payload}`.
 */
export async function startServeServer(options: ServeServerOptions): Promise<ServeServer> {
  const http = createServer((request, response) => {
    serveRendererFile(request, response, options.rendererDir).catch((error: unknown) => {
      options.logger.error('a page request failed', { error: String(error) })
      if (!response.headersSent) response.writeHead(500).end()
    })
  })
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 })
  let origins: readonly string[] = []
  let closing = false

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (closing) {
      socket.destroy()
      return
    }
    const refusal = refuse(request, options.token, origins)
    if (refusal !== undefined) {
      options.logger.warn('an API connection was refused', { reason: refusal.reason, origin: request.headers.origin ?? '(none)' })
      socket.end(`HTTP/1.1 ${refusal.status}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${refusal.reason}`)
      return
    }
    sockets.handleUpgrade(request, socket, head, (client) => connect(client, options))
  })

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(options.port, options.host, () => resolve())
  })
  const port = (http.address() as AddressInfo).port
  const hostInUrl = options.host.includes(':') ? `[${options.host}]` : options.host
  const origin = `http://${hostInUrl}:${port}`
  origins = options.host === '127.0.0.1' ? [origin, `http://localhost:${port}`] : [origin]
  return {
    origin,
    url: `${origin}/#token=${options.token}`,
    port,
    close: async () => {
      // A page left open keeps reconnecting over its kept-alive connections: refuse it, and drop them all
      closing = true
      for (const client of sockets.clients) client.terminate()
      sockets.close()
      const closed = new Promise<void>((resolve) => http.close(() => resolve()))
      http.closeAllConnections()
      await closed
    }
  }
}

/** Says why an upgrade must be refused, or undefined when it may connect. */
function refuse(request: IncomingMessage, token: string, origins: readonly string[]): { status: string; reason: string } | undefined {
  const url = new URL(request.url ?? '/', 'http://localhost')
  if (url.pathname !== API_PATH) return { status: '404 Not Found', reason: 'no such endpoint' }
  const origin = request.headers.origin
  if (origin === undefined || !origins.includes(origin)) return { status: '403 Forbidden', reason: 'connections are accepted only from the app page this server serves' }
  const presented = Buffer.from(url.searchParams.get('token') ?? '')
  const expected = Buffer.from(token)
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return { status: '401 Unauthorized', reason: 'a missing or wrong token' }
  return undefined
}

function connect(client: WebSocket, options: ServeServerOptions): void {
  const stop = options.events.listen((event, payload) => {
    if (client.readyState !== client.OPEN) return
    if (event === 'candle' && client.bufferedAmount > SLOW_CLIENT_BYTES) return
    client.send(JSON.stringify({ event, payload }))
  })
  client.on('close', stop)
  client.on('error', stop)
  client.on('message', (data, isBinary) => {
    void answer(client, options.handlers, isBinary ? null : data.toString())
  })
}

async function answer(client: WebSocket, handlers: CommandHandlers, text: string | null): Promise<void> {
  let message: unknown
  try {
    message = text === null ? undefined : JSON.parse(text)
  } catch {
    message = undefined
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    client.send(JSON.stringify({ id: null, result: fail('bad-message', 'a message must be a JSON object {id, method, params}') }))
    return
  }
  const { id, method, params } = message as { id?: unknown; method?: unknown; params?: unknown }
  if (typeof id !== 'number' && typeof id !== 'string') {
    client.send(JSON.stringify({ id: null, result: fail('bad-message', 'a message needs an id (a number or a string)') }))
    return
  }
  const result = await dispatchCommand(handlers, method, params)
  if (client.readyState === client.OPEN) client.send(JSON.stringify({ id, result }))
}
