import { describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import { waitUntil } from '../engine/exchange/paper-server/stubs'
import { NOT_READING_CLOSE_CODE } from './api-connection'
import { closeOf, connectApi, openApi, openTcp, startTestServer, TOKEN } from './stubs'

/** A reply of 64 KiB, so a client that does not read fills its socket after a few hundred. */
const bigReply = () => ({ blob: 'x'.repeat(64 * 1024) })
const MAX_UNSENT = 512 * 1024
const REQUESTS = 3_000

/** Sends `count` commands on a socket whose reading is paused, as a client that never reads. */
function floodWithoutReading(socket: WebSocket, count: number): void {
  socket.pause()
  for (let id = 1; id <= count; id += 1) socket.send(JSON.stringify({ id, method: 'getState' }))
}

const notReading = 'disconnected an API client that stopped reading'

describe('a client that does not read its replies', () => {
  it('is disconnected with a close reason once its unsent replies pass the bound, and its remaining commands are dropped', async () => {
    const { server, calls, logger } = await startTestServer({ reply: bigReply, limits: { maxUnsentBytes: MAX_UNSENT, closeGraceMs: 30_000 } })
    const socket = await openApi(server)
    floodWithoutReading(socket, REQUESTS)
    await waitUntil('the slow client to be disconnected', () => logger.lines.some((line) => line.message.startsWith(notReading)), 20_000)
    const line = logger.lines.find((entry) => entry.message.startsWith(notReading))
    // The queue never held more than the bound and the reply that crossed it
    expect(line?.fields['unsentBytes']).toBeLessThanOrEqual(MAX_UNSENT + 70 * 1024)
    const handled = calls.length
    expect(handled).toBeLessThan(REQUESTS)

    // Reading again, the client finds what was sent before the cut, then the close frame with its reason
    let replies = 0
    socket.on('message', () => (replies += 1))
    const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })))
    socket.resume()
    expect(await closed).toEqual({ code: NOT_READING_CLOSE_CODE, reason: 'the client stopped reading its replies' })
    expect(replies).toBeLessThanOrEqual(handled)
    expect(calls.length).toBe(handled)
  })

  it('has its socket destroyed when it does not read the close frame either', async () => {
    const { server, logger } = await startTestServer({ reply: bigReply, limits: { maxUnsentBytes: MAX_UNSENT, closeGraceMs: 50 } })
    const socket = await openApi(server)
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)))
    socket.on('error', () => undefined)
    floodWithoutReading(socket, REQUESTS)
    await waitUntil('the slow client to be cut off', () => logger.lines.some((line) => line.message === 'destroyed the socket of an API client that did not read its close frame'), 20_000)
    socket.resume()
    // No close frame arrived: the socket was destroyed with the unsent replies still queued
    expect(await closed).toBe(1006)
  })

  it('still gets every reply when it reads, however many commands it sends at once', async () => {
    const { server, calls } = await startTestServer({ limits: { maxUnsentBytes: MAX_UNSENT, maxCommandsInFlight: 4 } })
    const socket = await openApi(server)
    const ids = new Set<number>()
    const all = new Promise<void>((resolve) =>
      socket.on('message', (data) => {
        ids.add((JSON.parse(data.toString()) as { id: number }).id)
        if (ids.size === REQUESTS) resolve()
      })
    )
    for (let id = 1; id <= REQUESTS; id += 1) socket.send(JSON.stringify({ id, method: 'getState' }))
    await all
    expect(calls).toHaveLength(REQUESTS)
    socket.close()
  })
})

describe('a client that floods HTTP requests', () => {
  it('is disconnected once it has more unanswered requests than a browser ever sends', async () => {
    const { server, logger } = await startTestServer({ limits: { maxRequestsInFlight: 4 } })
    const socket = await openTcp(server)
    socket.on('error', () => undefined)
    socket.resume()
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`.repeat(REQUESTS))
    await closeOf(socket)
    await server.close()
    expect(logger.lines.map((line) => line.message)).toEqual(['refused 1 connection in the last minute (too many requests at once 1)'])
  })
})

describe('idle sockets', () => {
  it('closes a connection that never sends a request', async () => {
    const { server } = await startTestServer({ limits: { idleSocketMs: 100 } })
    const socket = await openTcp(server)
    socket.resume()
    await closeOf(socket)
  })

  it('closes a kept-alive connection with no request in flight', async () => {
    const { server } = await startTestServer({ limits: { keepAliveMs: 100 } })
    const socket = await openTcp(server)
    let answer = ''
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()))
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`)
    await closeOf(socket)
    expect(answer).toMatch(/^HTTP\/1\.1 404 /)
  })

  it('closes a refused API connection even when the client keeps its side open', async () => {
    const { server } = await startTestServer()
    const socket = await openTcp(server, { allowHalfOpen: true })
    let answer = ''
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()))
    socket.on('error', () => undefined)
    const ended = new Promise((resolve) => socket.once('end', resolve))
    socket.write(`GET /api?token=wrong HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${server.origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`)
    await ended
    expect(answer).toMatch(/^HTTP\/1\.1 401 /)
    // Half-open on the server, more bytes would be taken in silently; closed, they are reset
    const poke = setInterval(() => socket.write('still here?\r\n'), 10)
    await closeOf(socket).finally(() => clearInterval(poke))
  })

  it('closes an API socket that stops answering pings', async () => {
    const { server } = await startTestServer({ limits: { heartbeatMs: 20 } })
    const silent = await connectApi(server, TOKEN, server.origin, { autoPong: false })
    if (typeof silent === 'number') throw new Error(`refused with ${silent}`)
    let pings = 0
    silent.on('ping', () => (pings += 1))
    const closed = new Promise<number>((resolve) => silent.once('close', (code) => resolve(code)))
    expect(await closed).toBe(1006)
    expect(pings).toBeGreaterThanOrEqual(1)
  })
})
