import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { commandChannels, ok } from '@shared/api'
import type { CommandHandlers } from '../api/command-handlers'
import { MemoryLogger } from '../engine/logging/logger'
import { ServiceEvents } from '../service/service-events'
import { startServeServer, type ServeServer } from './serve-server'

const TOKEN = 'the-right-token-0123456789'
const servers: ServeServer[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})

async function start() {
  const calls: { method: string; params: unknown }[] = []
  const handlers = Object.fromEntries(
    Object.keys(commandChannels).map((method) => [method, async (params: unknown) => (calls.push({ method, params }), ok({ method }))])
  ) as unknown as CommandHandlers
  const events = new ServiceEvents()
  const logger = new MemoryLogger()
  const server = await startServeServer({ host: '127.0.0.1', port: 0, token: TOKEN, rendererDir: '/nonexistent', handlers, events, logger })
  servers.push(server)
  return { server, calls, events, logger }
}

/** Opens the API socket; resolves with it once open, or with the HTTP status of the refusal. */
function connect(server: ServeServer, token: string | null, origin: string | null): Promise<WebSocket | number> {
  const url = `${server.origin.replace('http', 'ws')}/api${token === null ? '' : `?token=${token}`}`
  const socket = new WebSocket(url, origin === null ? {} : { origin })
  return new Promise((resolve) => {
    socket.once('open', () => resolve(socket))
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
    socket.once('error', () => resolve(-1))
  })
}

function ask(socket: WebSocket, message: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve(JSON.parse(data.toString())))
    socket.send(typeof message === 'string' ? message : JSON.stringify(message))
  })
}

describe('the serve bridge', () => {
  it('refuses a missing or wrong token, and a page of another origin, before any command', async () => {
    const { server, calls, logger } = await start()
    expect(await connect(server, null, server.origin)).toBe(401)
    expect(await connect(server, 'wrong-token-0123456789abc', server.origin)).toBe(401)
    expect(await connect(server, TOKEN, 'http://evil.example')).toBe(403)
    expect(await connect(server, TOKEN, null)).toBe(403)
    expect(calls).toEqual([])
    expect(logger.lines.filter((line) => line.message === 'an API connection was refused')).toHaveLength(4)
    expect(JSON.stringify(logger.lines)).not.toContain(TOKEN)
  })

  it('answers a valid command with its handler result, and pushes events', async () => {
    const { server, calls, events } = await start()
    const socket = await connect(server, TOKEN, server.origin)
    if (typeof socket === 'number') throw new Error(`refused with ${socket}`)
    expect(await ask(socket, { id: 7, method: 'holdLevel', params: { botId: 'grid1', level: 2 } })).toEqual({ id: 7, result: { ok: true, value: { method: 'holdLevel' } } })
    expect(calls).toEqual([{ method: 'holdLevel', params: { botId: 'grid1', level: 2 } }])
    const pushed = new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()))))
    events.emit('candle', { symbol: 'BTCUSDT', interval: '1m', candle: { openTimeMs: 0, open: '1', high: '1', low: '1', close: '1', volume: '0' } })
    expect(await pushed).toMatchObject({ event: 'candle', payload: { symbol: 'BTCUSDT' } })
    socket.close()
  })

  it('rejects malformed messages and payloads with a clear error, without calling a handler', async () => {
    const { server, calls } = await start()
    const socket = await connect(server, TOKEN, server.origin)
    if (typeof socket === 'number') throw new Error(`refused with ${socket}`)
    expect(await ask(socket, 'not json')).toMatchObject({ id: null, result: { ok: false, error: { code: 'bad-message' } } })
    expect(await ask(socket, { method: 'getState' })).toMatchObject({ id: null, result: { ok: false, error: { code: 'bad-message', message: 'a message needs an id (a number or a string)' } } })
    expect(await ask(socket, { id: 1, method: 'withdrawAll' })).toMatchObject({ id: 1, result: { ok: false, error: { code: 'unknown-command', message: '"withdrawAll" is not a command of the app' } } })
    expect(await ask(socket, { id: 2, method: 'emergencyStop', params: { botId: 'grid1' } })).toMatchObject({ id: 2, result: { ok: false, error: { code: 'invalid-params', message: 'Whether to sell the base is missing' } } })
    expect(await ask(socket, { id: 3, method: 'saveKeys', params: { profile: 'mainnet', apiKey: 'k', apiSecret: 's' } })).toMatchObject({ id: 3, result: { ok: false, error: { code: 'invalid-params', message: 'Key profile must be testnet, demo or live' } } })
    expect(calls).toEqual([])
    socket.close()
  })

  it('serves no file outside the renderer folder and only GET and HEAD', async () => {
    const { server } = await start()
    expect((await fetch(`${server.origin}/../../etc/passwd`)).status).toBe(404)
    expect((await fetch(`${server.origin}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404)
    const post = await fetch(`${server.origin}/`, { method: 'POST' })
    expect(post.status).toBe(405)
    expect(post.headers.get('content-security-policy')).toContain("default-src 'none'")
  })
})

describe('closing the serve bridge', () => {
  it('ends at once even while a page holds connections open, and refuses reconnects meanwhile', async () => {
    const { server } = await start()
    const socket = await connect(server, TOKEN, server.origin)
    if (typeof socket === 'number') throw new Error(`refused with ${socket}`)
    // A connection in the middle of a request: the server would wait for it (up to its header timeout)
    const { connect: tcp } = await import('node:net')
    const busy = tcp(server.port, '127.0.0.1')
    await new Promise<void>((resolve) => busy.once('connect', () => resolve()))
    busy.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n')
    await new Promise((resolve) => setTimeout(resolve, 50))
    servers.splice(servers.indexOf(server), 1)
    const closed = server.close().then(() => 'closed')
    expect(await Promise.race([closed, new Promise((resolve) => setTimeout(() => resolve('still open after 3 s'), 3_000))])).toBe('closed')
    expect(await connect(server, TOKEN, server.origin)).toBeLessThan(0)
    busy.destroy()
  })
})
