import Binance from 'binance-api-node'
import { afterEach, describe, expect, it } from 'vitest'
import { startPaperServer, type PaperServer } from '../main/engine/exchange/paper-server/paper-server'

const KEY = { apiKey: 'third-party-key', secret: 'third-party-secret' }

type Row = Readonly<Record<string, string>>
type OrderRow = Row & { readonly orderId: number }

/** The part of the client this test uses, as it behaves (the package's own typings lag its code). */
interface ThirdPartyClient {
  ping(): Promise<boolean>
  time(): Promise<number>
  exchangeInfo(): Promise<{ symbols: (Row & { filters: Row[] })[] }>
  prices(query: Row): Promise<Row>
  accountInfo(): Promise<{ balances: Row[] }>
  order(payload: Row): Promise<OrderRow>
  getOrder(query: Row): Promise<OrderRow>
  openOrders(query: Row): Promise<OrderRow[]>
  cancelOrder(query: Readonly<Record<string, string | number>>): Promise<OrderRow>
  myTrades(query: Row): Promise<OrderRow[]>
}

function connect(secret: string, restUrl: string): ThirdPartyClient {
  return Binance({ apiKey: KEY.apiKey, apiSecret: secret, httpBase: restUrl }) as unknown as ThirdPartyClient
}

let server: PaperServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/**
 * A Binance REST client that is not Gridkeeper's (binance-api-node, a common one) pointed at the
 * paper server: it must load the markets, read balances, and place, query and cancel orders with
 * its own signing, parameter encoding and response handling.
 */
describe('a third-party Binance client against the paper server', () => {
  it('loads markets, reads balances, and places, queries and cancels orders', { timeout: 20_000 }, async () => {
    server = await startPaperServer({ apiKeys: [{ apiKey: KEY.apiKey, secret: KEY.secret }], sim: { balances: { USDT: '10000', BTC: '0.5' }, prices: { BTCUSDT: '60000.00', ETHUSDT: '3000.00' } } })
    const client = connect(KEY.secret, server.restUrl)

    expect(await client.ping()).toBe(true)
    const time = await client.time()
    expect(Math.abs(time - Date.now())).toBeLessThan(5_000)
    const info = await client.exchangeInfo()
    const btc = info.symbols.find((symbol) => symbol.symbol === 'BTCUSDT')
    expect(btc?.baseAsset).toBe('BTC')
    expect(btc?.filters.map((filter) => filter.filterType)).toContain('PRICE_FILTER')
    expect((await client.prices({ symbol: 'BTCUSDT' }))['BTCUSDT']).toBe('60000.00000000')

    const balances = Object.fromEntries((await client.accountInfo()).balances.map((balance) => [balance.asset, balance.free]))
    expect(balances['USDT']).toBe('10000.00000000')
    expect(balances['BTC']).toBe('0.50000000')

    const placed = await client.order({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.01', price: '59000', timeInForce: 'GTC', newClientOrderId: 'third-party-1' })
    expect(placed.status).toBe('NEW')
    expect(placed.clientOrderId).toBe('third-party-1')
    const queried = await client.getOrder({ symbol: 'BTCUSDT', origClientOrderId: 'third-party-1' })
    expect([queried.orderId, queried.price, queried.origQty, queried.status]).toEqual([placed.orderId, '59000.00000000', '0.01000000', 'NEW'])
    expect((await client.openOrders({ symbol: 'BTCUSDT' })).map((order) => order.clientOrderId)).toEqual(['third-party-1'])
    const locked = (await client.accountInfo()).balances.find((balance) => balance.asset === 'USDT')
    expect(locked?.locked).toBe('590.00000000')

    const cancelled = await client.cancelOrder({ symbol: 'BTCUSDT', orderId: placed.orderId })
    expect(cancelled.status).toBe('CANCELED')
    expect(await client.openOrders({ symbol: 'BTCUSDT' })).toEqual([])

    // A market order fills at once, and shows in the client's trade history
    const market = await client.order({ symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.1' })
    expect(market.status).toBe('FILLED')
    expect((await client.myTrades({ symbol: 'BTCUSDT' })).map((trade) => [trade.orderId, trade.qty])).toEqual([[market.orderId, '0.10000000']])

    // Refusals come back as Binance's errors, which the client reports with their codes
    await expect(client.order({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.01', price: '59000.001', timeInForce: 'GTC' })).rejects.toMatchObject({ code: -1013 })
    const stranger = connect('wrong-secret', server.restUrl)
    await expect(stranger.accountInfo()).rejects.toMatchObject({ code: -1022 })
  })
})
