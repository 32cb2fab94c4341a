import { describe, expect, it } from 'vitest'
import { createWebSocketApi, serveApiUrl } from './websocket-api'

/** A socket double: records what is sent, lets the test open, answer and drop it. */
class FakeSocket {
  static readonly OPEN = 1
  readyState = 0
  sent: string[] = []
  onopen: (() => void) | null = null
  onmessage: ((message: { data: string }) => void) | null = null
  onclose: (() => void) | null = null
  send(text: string) {
    this.sent.push(text)
  }
  close() {
    this.readyState = 3
    this.onclose?.()
  }
  open() {
    this.readyState = 1
    this.onopen?.()
  }
  answer(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) })
  }
}

Object.assign(globalThis, { WebSocket: globalThis.WebSocket ?? FakeSocket })

function setUp() {
  const sockets: FakeSocket[] = []
  const api = createWebSocketApi({ url: 'ws://x/api?token=t', createSocket: () => {
    const socket = new FakeSocket()
    sockets.push(socket)
    return socket as unknown as WebSocket
  } })
  return { api, sockets }
}

describe('the WebSocket transport', () => {
  it('sends commands queued before the socket opened, and resolves each with its own answer', async () => {
    const { api, sockets } = setUp()
    const state = api.getState()
    const hold = api.holdLevel({ botId: 'grid1', level: 2 })
    const socket = sockets[0]!
    expect(socket.sent).toEqual([])
    socket.open()
    expect(socket.sent.map((text) => JSON.parse(text) as unknown)).toEqual([{ id: 1, method: 'getState' }, { id: 2, method: 'holdLevel', params: { botId: 'grid1', level: 2 } }])
    socket.answer({ id: 2, result: { ok: true, value: null } })
    socket.answer({ id: 1, result: { ok: false, error: { code: 'not-ready', message: 'starting' } } })
    await expect(hold).resolves.toEqual({ ok: true, value: null })
    await expect(state).resolves.toEqual({ ok: false, error: { code: 'not-ready', message: 'starting' } })
    api.close()
  })

  it('hands events to their listeners until unsubscribed', () => {
    const { api, sockets } = setUp()
    const seen: unknown[] = []
    const stop = api.on('candle', (payload) => seen.push(payload))
    sockets[0]!.open()
    sockets[0]!.answer({ event: 'candle', payload: { symbol: 'BTCUSDT' } })
    sockets[0]!.answer({ event: 'state', payload: { revision: 1 } })
    stop()
    sockets[0]!.answer({ event: 'candle', payload: { symbol: 'ETHUSDT' } })
    expect(seen).toEqual([{ symbol: 'BTCUSDT' }])
    api.close()
  })

  it('fails commands in flight when the socket drops, and opens a new one', async () => {
    const { api, sockets } = setUp()
    sockets[0]!.open()
    const stop = api.emergencyStop({ botId: 'grid1', sellBase: false })
    sockets[0]!.close()
    await expect(stop).resolves.toMatchObject({ ok: false, error: { code: 'disconnected' } })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(sockets).toHaveLength(2)
    api.close()
  })
})

describe('serveApiUrl', () => {
  it('builds the API address from the page location and its token', () => {
    expect(serveApiUrl({ protocol: 'http:', host: '127.0.0.1:8080', hash: '#token=abc-_1' })).toBe('ws://127.0.0.1:8080/api?token=abc-_1')
    expect(serveApiUrl({ protocol: 'http:', host: '127.0.0.1:8080', hash: '' })).toBeUndefined()
  })
})
