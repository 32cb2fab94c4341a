import { connect as tcp, type Socket } from 'node:net'
import { afterEach } from 'vitest'
import WebSocket from 'ws'
import { commandChannels, ok } from '@shared/api'
import type { CommandHandlers } from '../api/command-handlers'
import { MemoryLogger } from '../engine/logging/logger'
import { ServiceEvents } from '../service/service-events'
import type { ServeLimits } from './serve-limits'
import { startServeServer, type ServeServer } from './serve-server'

/** The token of every test server. */
export const TOKEN = 'the-right-token-0123456789'

const servers: ServeServer[] = []
const sockets: { destroy(): void }[] = []
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  for (const server of servers.splice(0)) await server.close()
})

/** What a test server is started with. */
export interface TestServeOptions {
  readonly limits?: Partial<ServeLimits>
  readonly rendererDir?: string
  /** What every command answers with (its own name by default). */
  readonly reply?: (method: string) => unknown
}

/** Starts a serve server on a free loopback port whose handlers record every call; it is closed after the test. */
export async function startTestServer(options: TestServeOptions = {}) {
  const calls: { method: string; params: unknown }[] = []
  const reply = options.reply ?? ((method: string) => ({ method }))
  const handlers = Object.fromEntries(
    Object.keys(commandChannels).map((method) => [method, async (params: unknown) => (calls.push({ method, params }), ok(reply(method)))])
  ) as unknown as CommandHandlers
  const events = new ServiceEvents()
  const logger = new MemoryLogger()
  const server = await startServeServer({
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    rendererDir: options.rendererDir ?? '/nonexistent',
    handlers,
    events,
    logger,
    ...(options.limits === undefined ? {} : { limits: options.limits })
  })
  servers.push(server)
  return { server, calls, events, logger }
}

/** Forgets a server so the test closes it itself. */
export function releaseServer(server: ServeServer): void {
  servers.splice(servers.indexOf(server), 1)
}

/** Opens the API socket; resolves with it once open, or with the HTTP status of the refusal. */
export function connectApi(server: ServeServer, token: string | null, origin: string | null, options: WebSocket.ClientOptions = {}): Promise<WebSocket | number> {
  const url = `${server.origin.replace('http', 'ws')}/api${token === null ? '' : `?token=${token}`}`
  const socket = new WebSocket(url, { ...options, ...(origin === null ? {} : { origin }) })
  sockets.push({ destroy: () => socket.terminate() })
  return new Promise((resolve) => {
    socket.once('open', () => resolve(socket))
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
    socket.once('error', () => resolve(-1))
  })
}

/** Opens the API socket and fails the test when it is refused. */
export async function openApi(server: ServeServer, options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  const socket = await connectApi(server, TOKEN, server.origin, options)
  if (typeof socket === 'number') throw new Error(`refused with ${socket}`)
  return socket
}

/** Sends one message and resolves with the next message received. */
export function ask(socket: WebSocket, message: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve(JSON.parse(data.toString())))
    socket.send(typeof message === 'string' ? message : JSON.stringify(message))
  })
}

/** Opens a plain TCP connection to the server, closed after the test. */
export function openTcp(server: ServeServer, options: { allowHalfOpen?: boolean } = {}): Promise<Socket> {
  const socket = tcp({ port: server.port, host: '127.0.0.1', allowHalfOpen: options.allowHalfOpen ?? false })
  sockets.push(socket)
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('error', reject)
  })
}

/** Sends raw request text on a new connection and resolves with everything the server wrote before it closed. */
export async function rawExchange(server: ServeServer, text: string): Promise<string> {
  const socket = await openTcp(server)
  let received = ''
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')))
  socket.on('error', () => undefined)
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  socket.write(text)
  await closed
  return received
}

/** Resolves once a socket has closed. */
export function closeOf(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve()
    else socket.once('close', () => resolve())
  })
}
