import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ask, connectApi, openApi, openTcp, rawExchange, releaseServer, startTestServer, TOKEN } from './stubs'

const rendererDir = mkdtempSync(join(tmpdir(), 'serve-renderer-'))
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>the app page</title>')
afterAll(() => rmSync(rendererDir, { recursive: true, force: true }))

/** GETs a path with the given Host header; resolves with the status and body. */
async function getWithHost(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const call = request({ host: '127.0.0.1', port, path, headers: { host }, setHost: false }, (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk.toString()))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    call.on('error', reject)
    call.end()
  })
}

describe('the serve bridge', () => {
  it('refuses a missing or wrong token, and a page of another origin, before any command', async () => {
    const { server, calls, logger } = await startTestServer()
    expect(await connectApi(server, null, server.origin)).toBe(401)
    expect(await connectApi(server, 'wrong-token-0123456789abc', server.origin)).toBe(401)
    expect(await connectApi(server, TOKEN, 'http://evil.example')).toBe(403)
    expect(await connectApi(server, TOKEN, null)).toBe(403)
    expect(calls).toEqual([])
    expect(JSON.stringify(logger.lines)).not.toContain(TOKEN)
  })

  it('answers a valid command with its handler result, and pushes events', async () => {
    const { server, calls, events } = await startTestServer()
    const socket = await openApi(server)
    expect(await ask(socket, { id: 7, method: 'holdLevel', params: { botId: 'grid1', level: 2 } })).toEqual({ id: 7, result: { ok: true, value: { method: 'holdLevel' } } })
    expect(calls).toEqual([{ method: 'holdLevel', params: { botId: 'grid1', level: 2 } }])
    const pushed = new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()))))
    events.emit('candle', { symbol: 'BTCUSDT', interval: '1m', candle: { openTimeMs: 0, open: '1', high: '1', low: '1', close: '1', volume: '0' } })
    expect(await pushed).toMatchObject({ event: 'candle', payload: { symbol: 'BTCUSDT' } })
    socket.close()
  })

  it('rejects malformed messages and payloads with a clear error, without calling a handler', async () => {
    const { server, calls } = await startTestServer()
    const socket = await openApi(server)
    expect(await ask(socket, 'not json')).toMatchObject({ id: null, result: { ok: false, error: { code: 'bad-message' } } })
    expect(await ask(socket, { method: 'getState' })).toMatchObject({ id: null, result: { ok: false, error: { code: 'bad-message', message: 'a message needs an id (a number or a string)' } } })
    expect(await ask(socket, { id: 1, method: 'withdrawAll' })).toMatchObject({ id: 1, result: { ok: false, error: { code: 'unknown-command', message: '"withdrawAll" is not a command of the app' } } })
    expect(await ask(socket, { id: 2, method: 'emergencyStop', params: { botId: 'grid1' } })).toMatchObject({ id: 2, result: { ok: false, error: { code: 'invalid-params', message: 'Whether to sell the base is missing' } } })
    expect(await ask(socket, { id: 3, method: 'saveKeys', params: { profile: 'mainnet', apiKey: 'k', apiSecret: 's' } })).toMatchObject({ id: 3, result: { ok: false, error: { code: 'invalid-params', message: 'Key profile must be testnet, demo or live' } } })
    expect(calls).toEqual([])
    socket.close()
  })

  it('serves no file outside the renderer folder and only GET and HEAD', async () => {
    const { server } = await startTestServer()
    expect((await fetch(`${server.origin}/../../etc/passwd`)).status).toBe(404)
    expect((await fetch(`${server.origin}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404)
    const post = await fetch(`${server.origin}/`, { method: 'POST' })
    expect(post.status).toBe(405)
    expect(post.headers.get('content-security-policy')).toContain("default-src 'none'")
  })
})

describe('the Host check', () => {
  it('serves the page to 127.0.0.1 and localhost with the port, and to nothing else', async () => {
    const { server } = await startTestServer({ rendererDir })
    const { port } = server
    expect(await getWithHost(port, '/', `127.0.0.1:${port}`)).toEqual({ status: 200, body: expect.stringContaining('the app page') })
    expect(await getWithHost(port, '/', `LOCALHOST:${port}`)).toEqual({ status: 200, body: expect.stringContaining('the app page') })
    for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${port + 1}`, '127.0.0.1', `localhost.:${port}`, `127.0.0.1:${port}@evil.example`, '']) {
      const answer = await getWithHost(port, '/', host)
      expect({ host, status: answer.status, served: answer.body.includes('the app page') }).toEqual({ host, status: 421, served: false })
    }
  })

  it('refuses a request without a Host header', async () => {
    const { server } = await startTestServer({ rendererDir })
    const answer = await rawExchange(server, 'GET / HTTP/1.0\r\n\r\n')
    expect(answer).toMatch(/^HTTP\/1\.1 421 /)
    expect(answer).not.toContain('the app page')
  })

  it('refuses an API upgrade for another name even with the right token and origin, and one without a Host', async () => {
    const { server, calls } = await startTestServer()
    const { port } = server
    // DNS rebinding: the attacker's name resolves to 127.0.0.1, so its page is same-origin with itself
    expect(await connectApi(server, TOKEN, `http://evil.example:${port}`, { headers: { host: `evil.example:${port}` } })).toBe(421)
    expect(await connectApi(server, TOKEN, server.origin, { headers: { host: `evil.example:${port}` } })).toBe(421)
    const socket = await openTcp(server)
    let answer = ''
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()))
    const ended = new Promise((resolve) => socket.once('close', resolve))
    socket.write(`GET /api?token=${TOKEN} HTTP/1.1\r\nOrigin: ${server.origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`)
    await ended
    expect(answer).toMatch(/^HTTP\/1\.1 421 /)
    expect(typeof (await connectApi(server, TOKEN, `http://localhost:${port}`, { headers: { host: `localhost:${port}` } }))).toBe('object')
    expect(calls).toEqual([])
  })
})

describe('refused connections in the log', () => {
  it('gives one line for 50 refused connections, with the count of each reason', async () => {
    const { server, logger } = await startTestServer()
    for (let attempt = 0; attempt < 30; attempt += 1) expect(await connectApi(server, 'wrong-token-0123456789abc', server.origin)).toBe(401)
    for (let attempt = 0; attempt < 15; attempt += 1) expect(await connectApi(server, TOKEN, 'http://evil.example')).toBe(403)
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await getWithHost(server.port, '/', 'evil.example')).status).toBe(421)
    expect(logger.lines).toEqual([])
    releaseServer(server)
    await server.close()
    expect(logger.lines).toEqual([{ level: 'warn', message: 'refused 50 connections in the last minute (bad token 30, bad origin 15, bad host 5)', fields: {} }])
  })
})

describe('closing the serve bridge', () => {
  it('ends at once even while a page holds connections open, and refuses reconnects meanwhile', async () => {
    const { server } = await startTestServer()
    await openApi(server)
    // A connection in the middle of a request: the server would wait for it (up to its header timeout)
    const busy = await openTcp(server)
    busy.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`)
    await new Promise((resolve) => setTimeout(resolve, 50))
    releaseServer(server)
    const closed = server.close().then(() => 'closed')
    expect(await Promise.race([closed, new Promise((resolve) => setTimeout(() => resolve('still open after 3 s'), 3_000))])).toBe('closed')
    expect(await connectApi(server, TOKEN, server.origin)).toBeLessThan(0)
  })
})
