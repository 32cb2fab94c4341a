import { Decimal } from '@shared/money/decimal'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startPaperServer, type PaperServer } from './paper-server'
import { encodeParams, hmacHex, publicRequest, signedRequest, TEST_KEY } from './stubs'

type Json = Record<string, unknown>

let server: PaperServer

beforeEach(async () => {
  server = await startPaperServer({
    apiKeys: [TEST_KEY],
    sim: { balances: { USDT: '10000', BTC: '1' }, prices: { BTCUSDT: '100.00', ETHUSDT: '10.00' }, makerFee: '0.001', takerFee: '0.002' }
  })
})

afterEach(async () => {
  await server.close()
})

const buy = (price: string, quantity: string, id: string) => ({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity, price, newClientOrderId: id })

describe('paper server REST: signatures and timestamps', () => {
  it('answers -1022 to a wrong signature and to a signature over the decoded payload', async () => {
    const wrong = await signedRequest(server, 'GET', '/api/v3/account', {}, { signature: 'f'.repeat(64) })
    expect([wrong.status, wrong.body]).toEqual([400, { code: -1022, msg: 'Signature for this request is not valid.' }])

    // The id has characters that percent-encoding changes; signing the decoded text is the 2026 trap
    const params = { symbol: 'BTCUSDT', origClientOrderId: 'a_b-c', recvWindow: '5000', timestamp: String(Date.now()), symbols: '["BTCUSDT"]' }
    const encoded = encodeParams(params)
    const decoded = Object.entries(params).map(([name, value]) => `${name}=${value}`).join('&')
    expect(encoded).not.toBe(decoded)
    const response = await fetch(`${server.restUrl}/api/v3/order?${encoded}&signature=${hmacHex(TEST_KEY.secret, decoded)}`, { headers: { 'X-MBX-APIKEY': TEST_KEY.apiKey } })
    expect([response.status, await response.json()]).toEqual([400, { code: -1022, msg: 'Signature for this request is not valid.' }])
  })

  it('accepts the same request signed over the percent-encoded payload, in the query or in a form body', async () => {
    expect((await signedRequest(server, 'GET', '/api/v3/account', { recvWindow: 5000 })).status).toBe(200)
    expect((await signedRequest(server, 'GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' }, { inBody: false })).status).toBe(200)
    const placed = await signedRequest(server, 'POST', '/api/v3/order', buy('90.00', '0.1', 'body-1'), { inBody: true })
    expect(placed.status).toBe(200)
    expect((placed.body as Json)['clientOrderId']).toBe('body-1')
  })

  it('answers -1021 to a stale timestamp and to one from the future, with Binance’s two messages', async () => {
    const stale = await signedRequest(server, 'GET', '/api/v3/account', { recvWindow: 5000 }, { timestamp: Date.now() - 10_000 })
    expect([stale.status, stale.body]).toEqual([400, { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' }])
    const ahead = await signedRequest(server, 'GET', '/api/v3/account', {}, { timestamp: Date.now() + 5_000 })
    expect([ahead.status, ahead.body]).toEqual([400, { code: -1021, msg: "Timestamp for this request was 1000ms ahead of the server's time." }])
  })

  it('answers 401 -2015 to an unknown key, -2014 to none, 404 to an unknown path', async () => {
    const unknown = await signedRequest(server, 'GET', '/api/v3/account', {}, { apiKey: 'nobody' })
    expect([unknown.status, (unknown.body as Json)['code']]).toEqual([401, -2015])
    const none = await fetch(`${server.restUrl}/api/v3/account?timestamp=${Date.now()}&signature=00`)
    expect([none.status, ((await none.json()) as Json)['code']]).toEqual([401, -2014])
    expect((await publicRequest(server, 'GET', '/api/v3/nothing')).status).toBe(404)
  })
})

describe('paper server REST: orders', () => {
  it('places a LIMIT, queries it, trades through it, shows the fill in myTrades, and cancels another', async () => {
    const placed = await signedRequest(server, 'POST', '/api/v3/order', buy('99.00', '0.5', 'grid-1'))
    expect(placed.status).toBe(200)
    const order = placed.body as Json
    expect(order).toMatchObject({ symbol: 'BTCUSDT', clientOrderId: 'grid-1', orderListId: -1, price: '99.00000000', origQty: '0.50000000', executedQty: '0.00000000' })
    expect(order).toMatchObject({ cummulativeQuoteQty: '0.00000000', status: 'NEW', type: 'LIMIT', side: 'BUY', fills: [], selfTradePreventionMode: 'EXPIRE_MAKER' })
    expect(typeof order['transactTime']).toBe('number')

    const queried = await signedRequest(server, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'grid-1' })
    expect(queried.body).toMatchObject({ orderId: order['orderId'], status: 'NEW', isWorking: true, stopPrice: '0.00000000', time: order['transactTime'] })

    server.sim.trade('BTCUSDT', new Decimal('98.50'), new Decimal('2'))
    const filled = await signedRequest(server, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: order['orderId'] as number })
    expect(filled.body).toMatchObject({ status: 'FILLED', executedQty: '0.50000000', cummulativeQuoteQty: '49.50000000' })

    const trades = await signedRequest(server, 'GET', '/api/v3/myTrades', { symbol: 'BTCUSDT', orderId: order['orderId'] as number })
    expect(trades.body).toEqual([
      expect.objectContaining({ symbol: 'BTCUSDT', orderId: order['orderId'], orderListId: -1, price: '99.00000000', qty: '0.50000000', quoteQty: '49.50000000' })
    ])
    expect((trades.body as Json[])[0]).toMatchObject({ commission: '0.00050000', commissionAsset: 'BTC', isBuyer: true, isMaker: true, isBestMatch: true })

    const other = (await signedRequest(server, 'POST', '/api/v3/order', buy('95.00', '0.2', 'grid-2'))).body as Json
    const cancelled = await signedRequest(server, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: other['orderId'] as number, newClientOrderId: 'cancel-2' })
    expect(cancelled.body).toMatchObject({ origClientOrderId: 'grid-2', clientOrderId: 'cancel-2', status: 'CANCELED', orderId: other['orderId'] })
    const again = await signedRequest(server, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: other['orderId'] as number })
    expect([again.status, again.body]).toEqual([400, { code: -2011, msg: 'Unknown order sent.' }])

    const account = (await signedRequest(server, 'GET', '/api/v3/account', { omitZeroBalances: 'true' })).body as Json
    expect(account['balances']).toEqual([
      { asset: 'USDT', free: '9950.50000000', locked: '0.00000000' },
      { asset: 'BTC', free: '1.49950000', locked: '0.00000000' }
    ])
    expect(account).toMatchObject({ makerCommission: 10, takerCommission: 20, accountType: 'SPOT', canTrade: true })
    const all = (await signedRequest(server, 'GET', '/api/v3/allOrders', { symbol: 'BTCUSDT' })).body as Json[]
    expect(all.map((entry) => `${entry['clientOrderId']} ${entry['status']}`)).toEqual(['grid-1 FILLED', 'grid-2 CANCELED'])
  })

  it('fills a MARKET order at once with a FULL response, and refuses bad parameters with Binance’s codes', async () => {
    const market = await signedRequest(server, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.1' })
    expect(market.body).toMatchObject({ status: 'FILLED', executedQty: '0.10000000', fills: [{ price: '100.00000000', qty: '0.10000000', commission: '0.02000000', commissionAsset: 'USDT' }] })
    expect(String((market.body as Json)['clientOrderId'])).toMatch(/^[A-Za-z0-9]{22}$/)
    const ack = await signedRequest(server, 'POST', '/api/v3/order', { ...buy('90.00', '0.1', 'ack-1'), newOrderRespType: 'ACK' })
    expect(Object.keys(ack.body as Json).sort()).toEqual(['clientOrderId', 'orderId', 'orderListId', 'symbol', 'transactTime'])
    const exponent = await signedRequest(server, 'POST', '/api/v3/order', buy('90.00', '1e-1', 'x1'))
    expect((exponent.body as Json)['code']).toBe(-1100)
    const tick = await signedRequest(server, 'POST', '/api/v3/order', buy('90.001', '0.1', 'x2'))
    expect(tick.body).toEqual({ code: -1013, msg: 'Filter failure: PRICE_FILTER' })
    const duplicate = await signedRequest(server, 'POST', '/api/v3/order', buy('90.00', '0.1', 'ack-1'))
    expect(duplicate.body).toEqual({ code: -2010, msg: 'Duplicate order sent.' })
    const funds = await signedRequest(server, 'POST', '/api/v3/order', buy('90.00', '1000', 'x3'))
    expect(funds.body).toEqual({ code: -2010, msg: 'Account has insufficient balance for requested action.' })
    const test = await signedRequest(server, 'POST', '/api/v3/order/test', buy('90.00', '0.1', 'x4'))
    expect([test.status, test.body]).toEqual([200, {}])
    const missing = await signedRequest(server, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: 999 })
    expect(missing.body).toEqual({ code: -2013, msg: 'Order does not exist.' })
  })

  it('places an OCO with orderList/oco, lists it, and cancels it', async () => {
    const oco = await signedRequest(server, 'POST', '/api/v3/orderList/oco', {
      symbol: 'BTCUSDT',
      side: 'SELL',
      quantity: '0.5',
      listClientOrderId: 'oco-1',
      aboveType: 'LIMIT_MAKER',
      abovePrice: '110.00',
      aboveClientOrderId: 'oco-1-tp',
      belowType: 'STOP_LOSS_LIMIT',
      belowStopPrice: '90.00',
      belowPrice: '89.00',
      belowTimeInForce: 'GTC',
      belowClientOrderId: 'oco-1-sl'
    })
    expect(oco.status).toBe(200)
    const list = oco.body as Json
    expect(list).toMatchObject({ contingencyType: 'OCO', listStatusType: 'EXEC_STARTED', listOrderStatus: 'EXECUTING', listClientOrderId: 'oco-1', symbol: 'BTCUSDT' })
    expect((list['orders'] as Json[]).map((entry) => entry['clientOrderId'])).toEqual(['oco-1-tp', 'oco-1-sl'])
    const reports = list['orderReports'] as Json[]
    expect(reports[1]).toMatchObject({ type: 'STOP_LOSS_LIMIT', stopPrice: '90.00000000', workingTime: -1, orderListId: list['orderListId'] })
    expect(typeof list['transactionTime']).toBe('number')

    const open = (await signedRequest(server, 'GET', '/api/v3/openOrderList', {})).body as Json[]
    expect(open.map((entry) => entry['listClientOrderId'])).toEqual(['oco-1'])
    const queried = (await signedRequest(server, 'GET', '/api/v3/orderList', { origClientOrderId: 'oco-1' })).body as Json
    expect(queried).toMatchObject({ orderListId: list['orderListId'], listOrderStatus: 'EXECUTING' })
    expect(queried['orderReports']).toBeUndefined()

    const cancelled = (await signedRequest(server, 'DELETE', '/api/v3/orderList', { symbol: 'BTCUSDT', listClientOrderId: 'oco-1', newClientOrderId: 'stop-oco' })).body as Json
    expect(cancelled).toMatchObject({ listStatusType: 'ALL_DONE', listOrderStatus: 'ALL_DONE' })
    expect((cancelled['orderReports'] as Json[]).map((entry) => `${entry['origClientOrderId']} ${entry['clientOrderId']} ${entry['status']}`)).toEqual([
      'oco-1-tp stop-oco CANCELED',
      'oco-1-sl stop-oco CANCELED'
    ])
    const history = (await signedRequest(server, 'GET', '/api/v3/allOrderList', {})).body as Json[]
    expect(history.map((entry) => `${entry['listClientOrderId']} ${entry['listOrderStatus']}`)).toEqual(['oco-1 ALL_DONE'])
  })

  it('cancels every open order and list of a symbol with DELETE openOrders', async () => {
    await signedRequest(server, 'POST', '/api/v3/order', buy('90.00', '0.1', 'o1'))
    await signedRequest(server, 'POST', '/api/v3/orderList/oco', {
      symbol: 'BTCUSDT', side: 'SELL', quantity: '0.2', aboveType: 'LIMIT_MAKER', abovePrice: '120.00', belowType: 'STOP_LOSS', belowStopPrice: '80.00'
    })
    const answer = (await signedRequest(server, 'DELETE', '/api/v3/openOrders', { symbol: 'BTCUSDT' })).body as Json[]
    expect(answer).toHaveLength(2)
    expect(answer[0]).toMatchObject({ origClientOrderId: 'o1', status: 'CANCELED' })
    expect(answer[1]).toMatchObject({ contingencyType: 'OCO', listOrderStatus: 'ALL_DONE' })
    const none = await signedRequest(server, 'DELETE', '/api/v3/openOrders', { symbol: 'BTCUSDT' })
    expect(none.body).toEqual({ code: -2011, msg: 'Unknown order sent.' })
  })
})

describe('paper server REST: market data and rate limits', () => {
  it('sends weight headers that grow, order-count headers on order entry, and 429 with Retry-After over the limit', async () => {
    const first = await publicRequest(server, 'GET', '/api/v3/exchangeInfo', { symbol: 'BTCUSDT' })
    const second = await publicRequest(server, 'GET', '/api/v3/exchangeInfo', { symbol: 'BTCUSDT' })
    const used = (answer: { headers: Headers }) => Number(answer.headers.get('x-mbx-used-weight-1m'))
    expect(used(second) - used(first)).toBe(20)
    expect(second.headers.get('x-mbx-used-weight')).toBe(second.headers.get('x-mbx-used-weight-1m'))
    const placed = await signedRequest(server, 'POST', '/api/v3/order', buy('90.00', '0.1', 'rl-1'))
    expect(used(placed)).toBe(used(second))
    expect(placed.headers.get('x-mbx-order-count-10s')).toBe('1')
    expect(placed.headers.get('x-mbx-order-count-1d')).toBe('1')
    const refused = await signedRequest(server, 'POST', '/api/v3/order', buy('90.001', '0.1', 'rl-2'))
    expect(used(refused)).toBe(used(second) + 1)

    server.limiter.configure({ requestWeightPerMinute: used(refused) + 25 })
    expect((await publicRequest(server, 'GET', '/api/v3/exchangeInfo', { symbol: 'BTCUSDT' })).status).toBe(200)
    const limited = await publicRequest(server, 'GET', '/api/v3/exchangeInfo', { symbol: 'BTCUSDT' })
    expect(limited.status).toBe(429)
    expect((limited.body as Json)['code']).toBe(-1003)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('serves exchangeInfo, klines, depth, tickers and avgPrice in Binance’s shapes', async () => {
    const info = (await publicRequest(server, 'GET', '/api/v3/exchangeInfo', { symbols: '["BTCUSDT"]' })).body as Json
    const symbol = (info['symbols'] as Json[])[0] as Json
    expect(symbol).toMatchObject({ symbol: 'BTCUSDT', status: 'TRADING', baseAsset: 'BTC', quoteAsset: 'USDT', ocoAllowed: true })
    expect(symbol['filters']).toContainEqual({ filterType: 'PRICE_FILTER', minPrice: '0.01000000', maxPrice: '1000000.00000000', tickSize: '0.01000000' })
    expect(info['rateLimits']).toContainEqual({ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 })
    expect((await publicRequest(server, 'GET', '/api/v3/exchangeInfo', { symbol: 'NOPE' })).body).toEqual({ code: -1121, msg: 'Invalid symbol.' })

    server.sim.trade('BTCUSDT', new Decimal('101.00'), new Decimal('0.3'))
    server.sim.trade('BTCUSDT', new Decimal('102.50'), new Decimal('0.2'))
    await new Promise((resolve) => setImmediate(resolve))
    const klines = (await publicRequest(server, 'GET', '/api/v3/klines', { symbol: 'BTCUSDT', interval: '1m' })).body as unknown[][]
    const last = klines[klines.length - 1] as unknown[]
    expect(last.slice(1, 6)).toEqual(['101.00000000', '102.50000000', '101.00000000', '102.50000000', '0.50000000'])
    expect([last[7], last[8], last[11]]).toEqual(['50.80000000', 2, '0'])
    expect((await publicRequest(server, 'GET', '/api/v3/klines', { symbol: 'BTCUSDT', interval: '7m' })).body).toEqual({ code: -1120, msg: 'Invalid interval.' })

    const depth = (await publicRequest(server, 'GET', '/api/v3/depth', { symbol: 'BTCUSDT', limit: 5 })).body as Json
    expect((depth['bids'] as string[][])[0]?.[0]).toBe('102.49000000')
    expect((depth['asks'] as string[][])[0]?.[0]).toBe('102.51000000')
    expect(depth['bids']).toHaveLength(5)
    expect((await publicRequest(server, 'GET', '/api/v3/ticker/price', { symbol: 'BTCUSDT' })).body).toEqual({ symbol: 'BTCUSDT', price: '102.50000000' })
    const books = (await publicRequest(server, 'GET', '/api/v3/ticker/bookTicker')).body as Json[]
    expect(books.map((entry) => entry['symbol'])).toEqual(['BTCUSDT', 'ETHUSDT'])
    const day = (await publicRequest(server, 'GET', '/api/v3/ticker/24hr', { symbol: 'BTCUSDT' })).body as Json
    expect(day).toMatchObject({ openPrice: '101.00000000', lastPrice: '102.50000000', priceChange: '1.50000000', priceChangePercent: '1.485', count: 2, volume: '0.50000000' })
    expect((await publicRequest(server, 'GET', '/api/v3/avgPrice', { symbol: 'BTCUSDT' })).body).toMatchObject({ mins: 5, price: '101.60000000' })
    expect((await publicRequest(server, 'GET', '/api/v3/ping')).body).toEqual({})
    expect(Math.abs(((await publicRequest(server, 'GET', '/api/v3/time')).body as Json)['serverTime'] as number - Date.now())).toBeLessThan(1000)
  })
})
