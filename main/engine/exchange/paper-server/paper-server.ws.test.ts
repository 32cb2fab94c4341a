import { generateKeyPairSync, sign } from 'node:crypto'
import { Decimal } from '@shared/money/decimal'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startPaperServer, type PaperServer } from './paper-server'
import { hmacHex, openSocket, signedRequest, TEST_KEY, type RecordingSocket } from './stubs'

type Json = Record<string, unknown>

const ed = generateKeyPairSync('ed25519')
const ED_KEY = { apiKey: 'paper-ed-key', secret: ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }

let server: PaperServer
const sockets: RecordingSocket[] = []

beforeEach(async () => {
  server = await startPaperServer({
    apiKeys: [TEST_KEY, ED_KEY],
    sim: { balances: { USDT: '10000', BTC: '1' }, prices: { BTCUSDT: '100.00', ETHUSDT: '10.00' } },
    avgPriceIntervalMs: 50
  })
})

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close()
  await server.close()
})

async function open(path: string): Promise<RecordingSocket> {
  const socket = await openSocket(`${server.wsUrl}${path}`)
  sockets.push(socket)
  return socket
}

function trade(price: string, quantity = '0.5'): void {
  server.sim.trade('BTCUSDT', new Decimal(price), new Decimal(quantity))
}

function signedParams(params: Json, secret = TEST_KEY.secret): Json {
  const payload = Object.keys(params)
    .sort()
    .map((name) => `${name}=${String(params[name])}`)
    .join('&')
  return { ...params, signature: hmacHex(secret, payload) }
}

describe('paper server market streams', () => {
  it('sends combined frames {stream, data} for the streams named in the URL', async () => {
    const socket = await open('/stream?streams=btcusdt@trade/btcusdt@kline_1m/btcusdt@bookTicker/btcusdt@aggTrade')
    trade('101.00')
    const tradeFrame = await socket.waitFor((frame) => frame['stream'] === 'btcusdt@trade')
    expect(tradeFrame['data']).toMatchObject({ e: 'trade', s: 'BTCUSDT', t: 1, p: '101.00000000', q: '0.50000000', m: false, M: true })
    const kline = await socket.waitFor((frame) => frame['stream'] === 'btcusdt@kline_1m')
    expect((kline['data'] as Json)['k']).toMatchObject({ s: 'BTCUSDT', i: '1m', o: '101.00000000', c: '101.00000000', v: '0.50000000', n: 1, x: false, f: 1, L: 1 })
    const book = await socket.waitFor((frame) => frame['stream'] === 'btcusdt@bookTicker')
    expect(book['data']).toMatchObject({ s: 'BTCUSDT', b: '100.99000000', a: '101.01000000' })
    expect((book['data'] as Json)['e']).toBeUndefined()
    const agg = await socket.waitFor((frame) => frame['stream'] === 'btcusdt@aggTrade')
    expect(agg['data']).toMatchObject({ e: 'aggTrade', a: 1, f: 1, l: 1, p: '101.00000000' })
  })

  it('subscribes, lists and unsubscribes with control frames on a raw connection', async () => {
    const socket = await open('/ws')
    socket.send({ method: 'SUBSCRIBE', params: ['btcusdt@trade', 'btcusdt@avgPrice'], id: 1 })
    expect(await socket.waitFor((frame) => frame['id'] === 1)).toEqual({ result: null, id: 1 })
    socket.send({ method: 'LIST_SUBSCRIPTIONS', id: 2 })
    expect(await socket.waitFor((frame) => frame['id'] === 2)).toEqual({ result: ['btcusdt@trade', 'btcusdt@avgPrice'], id: 2 })
    trade('99.50')
    expect(await socket.waitFor((frame) => frame['e'] === 'trade')).toMatchObject({ s: 'BTCUSDT', p: '99.50000000' })
    expect(await socket.waitFor((frame) => frame['e'] === 'avgPrice')).toMatchObject({ s: 'BTCUSDT', i: '5m', w: '99.50000000' })
    socket.send({ method: 'UNSUBSCRIBE', params: ['btcusdt@trade'], id: 3 })
    await socket.waitFor((frame) => frame['id'] === 3)
    socket.send({ method: 'SUBSCRIBE', params: ['nope@trade'], id: 4 })
    expect(await socket.waitFor((frame) => frame['id'] === 4)).toMatchObject({ code: 2 })
  })

  it('announces serverShutdown on every connection, then closes them', async () => {
    const stream = await open('/stream?streams=btcusdt@trade')
    const api = await open('/ws-api/v3')
    const closed = new Promise((resolve) => stream.ws.once('close', resolve))
    expect(server.faults.serverShutdown(20)).toBe(2)
    expect(await stream.waitFor((frame) => frame['stream'] === '!serverShutdown')).toMatchObject({ data: { e: 'serverShutdown' } })
    expect(await api.waitFor((frame) => frame['event'] !== undefined)).toMatchObject({ event: { e: 'serverShutdown' } })
    await closed
  })
})

describe('paper server WebSocket API', () => {
  it('delivers executionReport and outboundAccountPosition of a fill to a signature subscription', async () => {
    const api = await open('/ws-api/v3')
    api.send({ id: 1, method: 'userDataStream.subscribe.signature', params: signedParams({ apiKey: TEST_KEY.apiKey, timestamp: Date.now() }) })
    const subscribed = await api.waitFor((frame) => frame['id'] === 1)
    expect(subscribed).toMatchObject({ id: 1, status: 200, result: { subscriptionId: 0 } })
    expect((subscribed['rateLimits'] as Json[])[0]).toMatchObject({ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 })

    const placed = (await signedRequest(server, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.5', price: '99.00', newClientOrderId: 'ws-1' })).body as Json
    const accepted = await api.waitFor((frame) => (frame['event'] as Json | undefined)?.['x'] === 'NEW')
    expect(accepted).toMatchObject({ subscriptionId: 0, event: { e: 'executionReport', s: 'BTCUSDT', c: 'ws-1', S: 'BUY', o: 'LIMIT', f: 'GTC', X: 'NEW', i: placed['orderId'], g: -1, C: '', w: true } })
    trade('98.00', '1')
    const fill = await api.waitFor((frame) => (frame['event'] as Json | undefined)?.['x'] === 'TRADE')
    expect(fill['event']).toMatchObject({ X: 'FILLED', l: '0.50000000', z: '0.50000000', L: '99.00000000', n: '0.00050000', N: 'BTC', m: true, Z: '49.50000000', Y: '49.50000000' })
    expect(typeof (fill['event'] as Json)['t']).toBe('number')
    const position = await api.waitFor((frame) => (frame['event'] as Json | undefined)?.['e'] === 'outboundAccountPosition' && JSON.stringify(frame).includes('"a":"BTC"'))
    expect((position['event'] as Json)['B']).toContainEqual({ a: 'BTC', f: '1.49950000', l: '0.00000000' })
  })

  it('puts the cancel request’s id in c and the order’s own in C', async () => {
    const api = await open('/ws-api/v3')
    api.send({ id: 'a1', method: 'userDataStream.subscribe.signature', params: signedParams({ apiKey: TEST_KEY.apiKey, timestamp: Date.now() }) })
    await api.waitFor((frame) => frame['id'] === 'a1')
    await signedRequest(server, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.1', price: '120.00', newClientOrderId: 'ws-2' })
    await signedRequest(server, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'ws-2', newClientOrderId: 'ws-2-cancel' })
    const cancel = await api.waitFor((frame) => (frame['event'] as Json | undefined)?.['x'] === 'CANCELED')
    expect(cancel['event']).toMatchObject({ c: 'ws-2-cancel', C: 'ws-2', X: 'CANCELED' })
  })

  it('logs on with Ed25519, subscribes, reports session.status, refuses bad signatures and HMAC logons', async () => {
    const api = await open('/ws-api/v3')
    const timestamp = Date.now()
    const payload = `apiKey=${ED_KEY.apiKey}&timestamp=${timestamp}`
    api.send({ id: 1, method: 'session.logon', params: { apiKey: ED_KEY.apiKey, timestamp, signature: sign(null, Buffer.from(payload), ed.privateKey).toString('base64') } })
    expect(await api.waitFor((frame) => frame['id'] === 1)).toMatchObject({ status: 200, result: { apiKey: ED_KEY.apiKey, userDataStream: false } })
    api.send({ id: 2, method: 'userDataStream.subscribe' })
    expect(await api.waitFor((frame) => frame['id'] === 2)).toMatchObject({ status: 200, result: { subscriptionId: 0 } })
    api.send({ id: 3, method: 'session.status' })
    expect(await api.waitFor((frame) => frame['id'] === 3)).toMatchObject({ result: { apiKey: ED_KEY.apiKey, userDataStream: true } })
    api.send({ id: 4, method: 'userDataStream.unsubscribe' })
    expect(await api.waitFor((frame) => frame['id'] === 4)).toMatchObject({ status: 200, result: {} })
    expect(await api.waitFor((frame) => (frame['event'] as Json | undefined)?.['e'] === 'eventStreamTerminated')).toMatchObject({ subscriptionId: 0 })

    api.send({ id: 5, method: 'userDataStream.subscribe.signature', params: { apiKey: TEST_KEY.apiKey, timestamp: Date.now(), signature: '0'.repeat(64) } })
    expect(await api.waitFor((frame) => frame['id'] === 5)).toMatchObject({ status: 400, error: { code: -1022 } })
    api.send({ id: 6, method: 'session.logon', params: signedParams({ apiKey: TEST_KEY.apiKey, timestamp: Date.now() }) })
    expect(await api.waitFor((frame) => frame['id'] === 6)).toMatchObject({ status: 401 })
    api.send({ id: 7, method: 'ping' })
    expect(await api.waitFor((frame) => frame['id'] === 7)).toMatchObject({ status: 200, result: {} })
    api.send({ id: 8, method: 'time', params: { returnRateLimits: false } })
    const time = await api.waitFor((frame) => frame['id'] === 8)
    expect(time['rateLimits']).toBeUndefined()
  })

  it('places and queries orders over the WebSocket API with per-request signatures', async () => {
    const api = await open('/ws-api/v3')
    api.send({
      id: 1,
      method: 'order.place',
      params: signedParams({ apiKey: TEST_KEY.apiKey, symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.1', price: '95.00', newClientOrderId: 'wsapi-1', timestamp: Date.now() })
    })
    expect(await api.waitFor((frame) => frame['id'] === 1)).toMatchObject({ status: 200, result: { clientOrderId: 'wsapi-1', status: 'NEW', price: '95.00000000' } })
    api.send({ id: 2, method: 'order.status', params: signedParams({ apiKey: TEST_KEY.apiKey, symbol: 'BTCUSDT', origClientOrderId: 'wsapi-1', timestamp: Date.now() }) })
    expect(await api.waitFor((frame) => frame['id'] === 2)).toMatchObject({ status: 200, result: { clientOrderId: 'wsapi-1', isWorking: true } })
  })
})
