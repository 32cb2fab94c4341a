import { generateKeyPairSync } from 'node:crypto'
import { Decimal } from '@shared/money/decimal'
import { DefaultLogger, MainClient, WebsocketAPIClient, WebsocketClient } from 'binance'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startPaperServer, type PaperServer } from './paper-server'
import { TEST_KEY } from './stubs'

type Json = Record<string, unknown>

const quiet = { ...DefaultLogger, trace: () => {}, info: () => {}, error: () => {} }
const ed = generateKeyPairSync('ed25519')
const ED_KEY = { apiKey: 'paper-sdk-ed', secret: ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }

let server: PaperServer
const closers: (() => unknown)[] = []

beforeEach(async () => {
  server = await startPaperServer({ apiKeys: [TEST_KEY, ED_KEY], sim: { balances: { USDT: '10000', BTC: '1' }, prices: { BTCUSDT: '100.00', ETHUSDT: '10.00' } } })
})

afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  await server.close()
})

function restClient(): MainClient {
  return new MainClient({ baseUrl: server.restUrl, api_key: TEST_KEY.apiKey, api_secret: TEST_KEY.secret, beautifyResponses: false }, undefined)
}

function waitFor<T>(predicate: () => T | undefined, timeoutMs = 4000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const poll = () => {
      const value = predicate()
      if (value !== undefined) resolve(value)
      else if (Date.now() - started > timeoutMs) reject(new Error('timed out waiting'))
      else setTimeout(poll, 10)
    }
    poll()
  })
}

// Exact decimal strings go to the SDK, whose types say number (the adapter keeps this cast in one place)
const money = (text: string) => text as unknown as number

describe('the binance SDK against the paper server', () => {
  it('MainClient places, queries and cancels orders and an OCO list', async () => {
    const client = restClient()
    const serverTime = (await client.get('api/v3/time')) as { serverTime: number }
    expect(Math.abs(serverTime.serverTime - Date.now())).toBeLessThan(1000)
    const placed = (await client.submitNewOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: money('0.5'), price: money('99.00') })) as unknown as Json
    expect(placed).toMatchObject({ symbol: 'BTCUSDT', status: 'NEW', price: '99.00000000', origQty: '0.50000000' })
    expect(String(placed['clientOrderId'])).toMatch(/^x-U5D79M5B/)

    const queried = (await client.getOrder({ symbol: 'BTCUSDT', orderId: placed['orderId'] as number })) as unknown as Json
    expect(queried).toMatchObject({ clientOrderId: placed['clientOrderId'], status: 'NEW' })
    const open = (await client.getOpenOrders({ symbol: 'BTCUSDT' })) as unknown as Json[]
    expect(open.map((order) => order['orderId'])).toEqual([placed['orderId']])
    const cancelled = (await client.cancelOrder({ symbol: 'BTCUSDT', origClientOrderId: placed['clientOrderId'] as string })) as unknown as Json
    expect(cancelled).toMatchObject({ status: 'CANCELED', origClientOrderId: placed['clientOrderId'] })

    const list = (await client.submitNewOrderList({
      symbol: 'BTCUSDT',
      side: 'SELL',
      quantity: money('0.4'),
      aboveType: 'LIMIT_MAKER',
      abovePrice: money('110.00'),
      belowType: 'STOP_LOSS_LIMIT',
      belowStopPrice: money('90.00'),
      belowPrice: money('89.00'),
      belowTimeInForce: 'GTC'
    } as never)) as unknown as Json
    expect(list).toMatchObject({ contingencyType: 'OCO', listOrderStatus: 'EXECUTING' })
    const lists = (await client.getAllOpenOCO()) as unknown as Json[]
    expect(lists.map((entry) => entry['orderListId'])).toEqual([list['orderListId']])
    const fetched = (await client.getOCO({ orderListId: list['orderListId'] as number })) as unknown as Json
    expect(fetched).toMatchObject({ listClientOrderId: list['listClientOrderId'] })
    const done = (await client.cancelOCO({ symbol: 'BTCUSDT', orderListId: list['orderListId'] as number })) as unknown as Json
    expect(done).toMatchObject({ listOrderStatus: 'ALL_DONE' })

    const account = (await client.getAccountInformation()) as unknown as Json
    expect((account['balances'] as Json[]).find((balance) => balance['asset'] === 'BTC')).toEqual({ asset: 'BTC', free: '1.00000000', locked: '0.00000000' })
    expect(client.getRateLimitStates()['x-mbx-used-weight-1m']).toBeGreaterThan(0)

    const refused = await client.submitNewOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: money('0.5'), price: money('99.001') }).catch((error: unknown) => error)
    expect(refused).toMatchObject({ code: -1013, message: 'Filter failure: PRICE_FILTER' })
    const wrongKey = new MainClient({ baseUrl: server.restUrl, api_key: TEST_KEY.apiKey, api_secret: 'not-the-secret', beautifyResponses: false })
    expect(await wrongKey.getAccountInformation().catch((error: unknown) => error)).toMatchObject({ code: -1022 })
  })

  it('WebsocketAPIClient.subscribeUserDataStream (HMAC) receives the executionReport of a fill', async () => {
    const api = new WebsocketAPIClient({ wsUrl: server.wsUrl, api_key: TEST_KEY.apiKey, api_secret: TEST_KEY.secret, beautify: false, attachEventListeners: false }, quiet)
    closers.push(() => api.disconnectAll())
    const events: Json[] = []
    api.getWSClient().on('message', (event: unknown) => events.push(event as Json))
    await api.subscribeUserDataStream('mainWSAPI')

    const placed = (await restClient().submitNewOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: money('0.2'), price: money('99.50') })) as unknown as Json
    server.sim.trade('BTCUSDT', new Decimal('99.00'), new Decimal('1'))
    const fill = await waitFor(() => events.find((event) => event['e'] === 'executionReport' && event['x'] === 'TRADE'))
    expect(fill).toMatchObject({ i: placed['orderId'], X: 'FILLED', l: '0.20000000', L: '99.50000000' })
    await waitFor(() => events.find((event) => event['e'] === 'outboundAccountPosition'))
  })

  it('WebsocketAPIClient reconnects and resubscribes after the server drops its socket', async () => {
    const api = new WebsocketAPIClient(
      { wsUrl: server.wsUrl, api_key: TEST_KEY.apiKey, api_secret: TEST_KEY.secret, beautify: false, attachEventListeners: false, resubscribeUserDataStreamDelaySeconds: 0, reconnectTimeout: 50 },
      quiet
    )
    closers.push(() => api.disconnectAll())
    const events: Json[] = []
    let reconnected = false
    api.getWSClient().on('message', (event: unknown) => events.push(event as Json))
    api.getWSClient().on('reconnected', () => {
      reconnected = true
    })
    await api.subscribeUserDataStream('mainWSAPI')
    expect(server.faults.dropConnections()).toBe(1)
    await waitFor(() => (reconnected ? true : undefined))
    // The resubscription is asynchronous: keep placing until an event arrives on the new socket
    const client = restClient()
    const deadline = Date.now() + 4000
    while (!events.some((event) => event['e'] === 'executionReport' && event['x'] === 'TRADE') && Date.now() < deadline) {
      await client.submitNewOrder({ symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: money('0.06') })
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(events.find((event) => event['e'] === 'executionReport' && event['x'] === 'TRADE')).toMatchObject({ o: 'MARKET', X: 'FILLED' })
  })

  it('WebsocketAPIClient logs on with an Ed25519 key and subscribes', async () => {
    const api = new WebsocketAPIClient({ wsUrl: server.wsUrl, api_key: ED_KEY.apiKey, api_secret: ED_KEY.secret, beautify: false, attachEventListeners: false }, quiet)
    closers.push(() => api.disconnectAll())
    const events: Json[] = []
    api.getWSClient().on('message', (event: unknown) => events.push(event as Json))
    await api.subscribeUserDataStream('mainWSAPI')
    await restClient().submitNewOrder({ symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: money('0.1') })
    const fill = await waitFor(() => events.find((event) => event['e'] === 'executionReport' && event['x'] === 'TRADE'))
    expect(fill).toMatchObject({ S: 'SELL', o: 'MARKET', X: 'FILLED', L: '100.00000000' })
  })

  it('WebsocketClient receives kline events', async () => {
    const client = new WebsocketClient({ wsUrl: server.wsUrl, beautify: false }, quiet)
    closers.push(() => client.closeAll(true))
    const klines: Json[] = []
    client.on('message', (event: unknown) => {
      if ((event as Json)['e'] === 'kline') klines.push(event as Json)
    })
    await client.subscribeKlines('BTCUSDT', '1m', 'spot')
    await waitFor(() => (server.stats().connections > 0 ? true : undefined))
    const trader = setInterval(() => server.sim.trade('BTCUSDT', new Decimal('100.50'), new Decimal('0.3')), 20)
    try {
      const kline = await waitFor(() => klines[0])
      expect(kline).toMatchObject({ s: 'BTCUSDT', k: { i: '1m', c: '100.50000000', x: false } })
    } finally {
      clearInterval(trader)
    }
  })
})
