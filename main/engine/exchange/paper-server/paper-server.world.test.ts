import { Decimal } from '@shared/money/decimal'
import { afterEach, describe, expect, it } from 'vitest'
import { clientOrderId } from '../port/identifiers'
import noMarket from '../rules/fixtures/exchange-info-no-market.json'
import { startPaperServer, type PaperServer } from './paper-server'
import type { PaperServerOptions } from './paper-server-options'
import { hmacHex, openSocket, publicRequest, signedRequest, TEST_KEY, type RecordingSocket } from './stubs'

type Json = Record<string, unknown>

let server: PaperServer | undefined
const sockets: RecordingSocket[] = []

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close()
  await server?.close()
  server = undefined
})

async function start(options: Partial<PaperServerOptions> = {}): Promise<PaperServer> {
  server = await startPaperServer({ apiKeys: [TEST_KEY], sim: { balances: { USDT: '10000', BTC: '1' }, prices: { BTCUSDT: '100.00', ETHUSDT: '10.00' } }, ...options })
  return server
}

const limitOrder = (side: string, price: string, quantity: string, id: string, symbol = 'BTCUSDT') => ({ symbol, side, type: 'LIMIT', timeInForce: 'GTC', quantity, price, newClientOrderId: id })

async function userStream(paper: PaperServer): Promise<RecordingSocket> {
  const api = await openSocket(`${paper.wsUrl}/ws-api/v3`)
  sockets.push(api)
  const timestamp = Date.now()
  api.send({ id: 'sub', method: 'userDataStream.subscribe.signature', params: { apiKey: TEST_KEY.apiKey, timestamp, signature: hmacHex(TEST_KEY.secret, `apiKey=${TEST_KEY.apiKey}&timestamp=${timestamp}`) } })
  await api.waitFor((frame) => frame['id'] === 'sub')
  return api
}

const event = (match: (event: Json) => boolean) => (frame: Json) => frame['event'] !== undefined && match(frame['event'] as Json)

describe('paper server: the exchange changing under the bot', () => {
  it('shows BREAK in exchangeInfo and refuses new orders with -2010 "Market is closed." until the symbol trades again', async () => {
    const paper = await start()
    paper.sim.world.setSymbolStatus('BTCUSDT', 'BREAK')
    const info = (await publicRequest(paper, 'GET', '/api/v3/exchangeInfo', { symbol: 'BTCUSDT' })).body as { symbols: Json[] }
    expect(info.symbols[0]?.['status']).toBe('BREAK')
    const refused = await signedRequest(paper, 'POST', '/api/v3/order', limitOrder('BUY', '99.00', '0.1', 'closed'))
    expect([refused.status, refused.body]).toEqual([400, { code: -2010, msg: 'Market is closed.' }])
    paper.sim.world.setSymbolStatus('BTCUSDT', 'TRADING')
    expect((await signedRequest(paper, 'POST', '/api/v3/order', limitOrder('BUY', '99.00', '0.1', 'open'))).status).toBe(200)
  })

  it('shows a new tick size in exchangeInfo and checks new orders by it', async () => {
    const paper = await start()
    paper.sim.world.changeRules('BTCUSDT', { tickSize: new Decimal('0.1') })
    const info = (await publicRequest(paper, 'GET', '/api/v3/exchangeInfo', { symbol: 'BTCUSDT' })).body as { symbols: { filters: Json[] }[] }
    expect(info.symbols[0]?.filters.find((filter) => filter['filterType'] === 'PRICE_FILTER')).toMatchObject({ tickSize: '0.10000000' })
    const refused = await signedRequest(paper, 'POST', '/api/v3/order', limitOrder('BUY', '99.05', '0.1', 'old-tick'))
    expect(refused.body).toEqual({ code: -1013, msg: 'Filter failure: PRICE_FILTER' })
  })

  it('refuses MARKET on a symbol whose orderTypes lack it', async () => {
    const paper = await start({ sim: { exchangeInfo: noMarket, balances: { USDT: '1000', NOMKT: '5' }, prices: { NOMKTUSDT: '100.00' } } })
    const refused = await signedRequest(paper, 'POST', '/api/v3/order', { symbol: 'NOMKTUSDT', side: 'SELL', type: 'MARKET', quantity: '0.1' })
    expect([refused.status, refused.body]).toEqual([400, { code: -2010, msg: 'Market orders are not supported for this symbol.' }])
  })

  it('serves the average price the filters use: after a gap it lags, and an order at the new price breaks PERCENT_PRICE_BY_SIDE', async () => {
    const paper = await start({ sim: { exchangeInfo: noMarket, balances: { USDT: '1000', NOMKT: '5' }, prices: { NOMKTUSDT: '100.00' } } })
    paper.trade('NOMKTUSDT', new Decimal('100'), new Decimal('5'))
    paper.sim.gap('NOMKTUSDT', new Decimal('130'))
    const average = (await publicRequest(paper, 'GET', '/api/v3/avgPrice', { symbol: 'NOMKTUSDT' })).body as Json
    expect(average).toMatchObject({ mins: 5, price: '100.00000000' })
    const refused = await signedRequest(paper, 'POST', '/api/v3/order', limitOrder('BUY', '125.00', '0.1', 'late', 'NOMKTUSDT'))
    expect(refused.body).toEqual({ code: -1013, msg: 'Filter failure: PERCENT_PRICE_BY_SIDE' })
  })
})

describe('paper server: -1021 bursts', () => {
  it('refuses every signed request with 400 -1021 for the burst, public ones still answer, then signed ones work again', async () => {
    const paper = await start()
    paper.faults.timestampBurst(300)
    const refused = await signedRequest(paper, 'GET', '/api/v3/account', {})
    expect([refused.status, refused.body, refused.headers.get('retry-after')]).toEqual([400, { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' }, null])
    expect((await signedRequest(paper, 'POST', '/api/v3/order', limitOrder('BUY', '99.00', '0.1', 'burst'))).status).toBe(400)
    expect((await publicRequest(paper, 'GET', '/api/v3/time')).status).toBe(200)
    const api = await openSocket(`${paper.wsUrl}/ws-api/v3`)
    sockets.push(api)
    const timestamp = Date.now()
    api.send({ id: 1, method: 'userDataStream.subscribe.signature', params: { apiKey: TEST_KEY.apiKey, timestamp, signature: hmacHex(TEST_KEY.secret, `apiKey=${TEST_KEY.apiKey}&timestamp=${timestamp}`) } })
    expect(await api.waitFor((frame) => frame['id'] === 1)).toMatchObject({ status: 400, error: { code: -1021 } })
    expect(await paper.sim.allOrders({ symbol: 'BTCUSDT' })).toEqual([])
    await new Promise((resolve) => setTimeout(resolve, 320))
    expect((await signedRequest(paper, 'GET', '/api/v3/account', {})).status).toBe(200)
    expect(paper.faults.stats()).toMatchObject({ timestampBursts: 1, timestampRejected: 3 })
  })

  it('starts bursts at random with timestampBurstRate', async () => {
    const paper = await start({ faults: { timestampBurstRate: 1, timestampBurstMs: 60_000 } })
    expect(((await signedRequest(paper, 'GET', '/api/v3/account', {})).body as Json)['code']).toBe(-1021)
    expect(paper.faults.stats().timestampBursts).toBe(1)
  })
})

describe('paper server: orders the exchange forgets', () => {
  it('answers -2013 to a query and -2011 to a cancel of a forgotten order, and lists it nowhere', async () => {
    const paper = await start()
    await signedRequest(paper, 'POST', '/api/v3/order', limitOrder('BUY', '99.00', '0.1', 'lost'))
    paper.sim.world.forgetOrder({ symbol: 'BTCUSDT', clientOrderId: clientOrderId('lost') })
    const queried = await signedRequest(paper, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'lost' })
    expect([queried.status, queried.body]).toEqual([400, { code: -2013, msg: 'Order does not exist.' }])
    const cancelled = await signedRequest(paper, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'lost' })
    expect([cancelled.status, cancelled.body]).toEqual([400, { code: -2011, msg: 'Unknown order sent.' }])
    expect((await signedRequest(paper, 'GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' })).body).toEqual([])
    const account = (await signedRequest(paper, 'GET', '/api/v3/account', {})).body as { balances: Json[] }
    expect(account.balances.find((balance) => balance['asset'] === 'USDT')).toEqual({ asset: 'USDT', free: '10000.00000000', locked: '0.00000000' })
  })
})

describe('paper server: the user stream of a harsher world', () => {
  it('reports self-trade prevention as x TRADE_PREVENTION, X EXPIRED_IN_MATCH with the prevented quantity', async () => {
    const paper = await start()
    const api = await userStream(paper)
    await signedRequest(paper, 'POST', '/api/v3/order', limitOrder('SELL', '101.00', '0.1', 'ask'))
    paper.sim.world.thinBookNext('BTCUSDT', new Decimal('0'))
    const placed = await signedRequest(paper, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.1', newClientOrderId: 'take' })
    expect(placed.body).toMatchObject({ status: 'EXPIRED', executedQty: '0.00000000', expiryReason: 'INSUFFICIENT_LIQUIDITY', fills: [] })
    const prevented = await api.waitFor(event((entry) => entry['x'] === 'TRADE_PREVENTION'))
    expect(prevented['event']).toMatchObject({ e: 'executionReport', c: 'ask', X: 'EXPIRED_IN_MATCH', V: 'EXPIRE_MAKER', A: '0.10000000', B: '0.10000000', z: '0.00000000' })
    const query = (await signedRequest(paper, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'ask' })).body
    expect(query).toMatchObject({ status: 'EXPIRED_IN_MATCH', preventedQuantity: '0.10000000' })
  })

  it('reports a partial fill then a cancel by someone else, their cancel id in c and ours in C', async () => {
    const paper = await start()
    const api = await userStream(paper)
    await signedRequest(paper, 'POST', '/api/v3/order', limitOrder('BUY', '99.00', '0.1', 'ours'))
    paper.sim.world.partialFillThenCancel({ symbol: 'BTCUSDT', clientOrderId: clientOrderId('ours') }, new Decimal('0.03'), 'web_00000000000000000000000000000001')
    const fill = await api.waitFor(event((entry) => entry['x'] === 'TRADE'))
    expect(fill['event']).toMatchObject({ c: 'ours', X: 'PARTIALLY_FILLED', l: '0.03000000', L: '99.00000000', m: true })
    const cancel = await api.waitFor(event((entry) => entry['x'] === 'CANCELED'))
    expect(cancel['event']).toMatchObject({ c: 'web_00000000000000000000000000000001', C: 'ours', X: 'CANCELED', z: '0.03000000' })
  })

  it('shows the orders of the person trading by hand on the same account, with their web_ ids', async () => {
    const paper = await start()
    const api = await userStream(paper)
    const hand = paper.sim.world.handPlace({ symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', price: new Decimal('110'), quantity: new Decimal('0.2') })
    const accepted = await api.waitFor(event((entry) => entry['x'] === 'NEW'))
    expect(accepted['event']).toMatchObject({ c: hand.clientOrderId, S: 'SELL', p: '110.00000000' })
    const open = (await signedRequest(paper, 'GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' })).body as Json[]
    expect(open.map((order) => order['clientOrderId'])).toEqual([hand.clientOrderId])
    expect(String(hand.clientOrderId)).toMatch(/^web_[0-9a-f]{32}$/)
  })

  it('pays commissions in BNB when the account burns BNB', async () => {
    const paper = await start({ sim: { balances: { USDT: '10000', BTC: '1', BNB: '1' }, prices: { BTCUSDT: '100.00' }, commission: { bnbBurn: true, bnbPrices: { USDT: '500' } } } })
    const placed = (await signedRequest(paper, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.1' })).body as { fills: Json[] }
    // 10 × 0.001 × 0.75 / 500
    expect(placed.fills).toEqual([expect.objectContaining({ commission: '0.00001500', commissionAsset: 'BNB' })])
  })
})
