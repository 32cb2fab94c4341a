import { describe, expect, it } from 'vitest'
import { BTCUSDT_FILTERS } from '../rules/stubs'
import { balanceOf, cid, d, flush, limit, limitMaker, market, marketQuote, simRules, simSetup, stop, T0 } from './stubs'
import type { NewOrder } from '../port/new-order'

/** Returns the rejection of a promise as "code message" (or the error name when it has no code). */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    const venue = error as { name: string; venueCode?: number; venueMessage?: string; message: string }
    return `${venue.name} ${venue.venueCode} ${venue.venueMessage ?? venue.message}`
  }
  return 'accepted'
}

const rejected = (code: number, message: string) => `ExchangeRejectedError ${code} ${message}`

describe('order entry: what Binance refuses, and how', () => {
  it('answers -1121 for an unknown symbol', async () => {
    const { sim } = simSetup()
    expect(await refusal(sim.placeOrder({ ...limit('BUY', '99', '0.1', 'a'), symbol: 'NOPEUSDT' }))).toBe(rejected(-1121, 'Invalid symbol.'))
  })

  it('answers -2010 "Market is closed." when the symbol is not TRADING', async () => {
    const { sim } = simSetup({ rules: simRules({ btc: { status: 'BREAK' } }) })
    expect(await refusal(sim.placeOrder(limit('BUY', '99', '0.1', 'a')))).toBe(rejected(-2010, 'Market is closed.'))
  })

  it('answers -2010 with Binance’s text for each missing order type or capability', async () => {
    const { sim } = simSetup({ rules: simRules({ btc: { orderTypes: ['LIMIT'], quoteOrderQtyMarketAllowed: false } }) })
    expect(await refusal(sim.placeOrder(market('BUY', '0.1', 'a')))).toBe(rejected(-2010, 'Market orders are not supported for this symbol.'))
    expect(await refusal(sim.placeOrder(limitMaker('BUY', '99', '0.1', 'b')))).toBe(rejected(-2010, 'Limit maker orders are not supported for this symbol.'))
    expect(await refusal(sim.placeOrder(stop('STOP_LOSS_LIMIT', 'SELL', '90', '0.1', 'c')))).toBe(
      rejected(-2010, 'Stop loss limit orders are not supported for this symbol.')
    )
    expect(await refusal(sim.placeOrder(stop('TAKE_PROFIT', 'SELL', '110', '0.1', 'e')))).toBe(rejected(-2010, 'Take profit orders are not supported for this symbol.'))
  })

  it('answers -2010 for a quote-quantity MARKET where the symbol forbids it', async () => {
    const { sim } = simSetup({ rules: simRules({ btc: { quoteOrderQtyMarketAllowed: false } }) })
    expect(await refusal(sim.placeOrder(marketQuote('BUY', '10', 'a')))).toBe(rejected(-2010, 'Quote order qty market orders are not support for this symbol.'))
  })

  it('answers parameter errors with -1102, -1106, -1111 and -1100', async () => {
    const { sim } = simSetup()
    const noPrice: NewOrder = { symbol: 'BTCUSDT', clientOrderId: cid('a'), side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: d('0.1') }
    expect(await refusal(sim.placeOrder(noPrice))).toBe(rejected(-1102, "Mandatory parameter 'price' was not sent, was empty/null, or malformed."))
    expect(await refusal(sim.placeOrder(limit('BUY', '99', '0.1', 'b', { stopPrice: d('98') })))).toBe(rejected(-1106, "Parameter 'stopPrice' sent when not required."))
    expect(await refusal(sim.placeOrder(limit('BUY', '99', '0.123456789', 'c')))).toBe(rejected(-1111, "Parameter 'quantity' has too much precision."))
    expect(await refusal(sim.placeOrder(limit('BUY', '99', '-1', 'd')))).toMatch(/^ExchangeRejectedError -1100 Illegal characters found in parameter 'quantity'/)
    expect(await refusal(sim.placeOrder({ ...limit('BUY', '99', '0.1', 'e'), timeInForce: undefined }))).toBe(
      rejected(-1102, "Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed.")
    )
    expect(await refusal(sim.placeOrder({ ...market('BUY', '0.1', 'f'), timeInForce: 'GTC' }))).toBe(rejected(-1106, "Parameter 'timeInForce' sent when not required."))
  })

  it('answers -1013 "Filter failure: X" for each broken filter', async () => {
    const { sim } = simSetup()
    expect(await refusal(sim.placeOrder(limit('BUY', '99.001', '0.1', 'a')))).toBe(rejected(-1013, 'Filter failure: PRICE_FILTER'))
    expect(await refusal(sim.placeOrder(limit('BUY', '99', '0.000015', 'b')))).toBe(rejected(-1013, 'Filter failure: LOT_SIZE'))
    expect(await refusal(sim.placeOrder(limit('BUY', '99', '0.05', 'c')))).toBe(rejected(-1013, 'Filter failure: NOTIONAL'))
    expect(await refusal(sim.placeOrder(limit('BUY', '19.99', '1', 'e')))).toBe(rejected(-1013, 'Filter failure: PERCENT_PRICE_BY_SIDE'))
    expect(await refusal(sim.placeOrder(market('BUY', '0.04', 'f')))).toBe(rejected(-1013, 'Filter failure: NOTIONAL'))
  })

  it('checks the open-order count filters, list legs and stops included', async () => {
    const filters = [...BTCUSDT_FILTERS.filter((filter) => filter.filterType !== 'MAX_NUM_ORDERS'), { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 2 }]
    const { sim } = simSetup({ rules: simRules({ btcFilters: filters }) })
    await sim.placeOrder(limit('BUY', '99', '0.1', 'a'))
    await sim.placeOrder(stop('STOP_LOSS_LIMIT', 'SELL', '90', '0.1', 'b'))
    expect(await refusal(sim.placeOrder(limit('BUY', '98', '0.1', 'c')))).toBe(rejected(-1013, 'Filter failure: MAX_NUM_ORDERS'))
    await sim.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: cid('a') })
    expect(await refusal(sim.placeOrder(limit('BUY', '98', '0.1', 'c')))).toBe('accepted')
  })

  it('checks MAX_NUM_ALGO_ORDERS and the account-wide EXCHANGE_MAX_NUM_ORDERS', async () => {
    const { sim } = simSetup({ rules: simRules({ exchangeFilters: [{ filterType: 'EXCHANGE_MAX_NUM_ORDERS', maxNumOrders: 7 }] }) })
    for (let index = 0; index < 5; index += 1) await sim.placeOrder(stop('STOP_LOSS', 'SELL', String(90 - index), '0.1', `s${index}`))
    expect(await refusal(sim.placeOrder(stop('STOP_LOSS', 'SELL', '80', '0.1', 's5')))).toBe(rejected(-1013, 'Filter failure: MAX_NUM_ALGO_ORDERS'))
    await sim.placeOrder({ ...limit('BUY', '9', '1', 'e1'), symbol: 'ETHUSDT' })
    await sim.placeOrder({ ...limit('BUY', '9', '1', 'e2'), symbol: 'ETHUSDT' })
    expect(await refusal(sim.placeOrder(limit('BUY', '99', '0.1', 'x')))).toBe(rejected(-1013, 'Filter failure: EXCHANGE_MAX_NUM_ORDERS'))
  })

  it('answers -2010 insufficient balance for every order kind, and locks nothing then', async () => {
    const { sim } = simSetup({ balances: { USDT: '50', BTC: '0.1' } })
    const insufficient = rejected(-2010, 'Account has insufficient balance for requested action.')
    expect(await refusal(sim.placeOrder(limit('BUY', '99', '0.51', 'a')))).toBe(insufficient)
    expect(await refusal(sim.placeOrder(limit('SELL', '101', '0.10001', 'b')))).toBe(insufficient)
    expect(await refusal(sim.placeOrder(market('BUY', '0.50001', 'c')))).toBe(insufficient)
    expect(await refusal(sim.placeOrder(marketQuote('BUY', '50.01', 'd')))).toBe(insufficient)
    expect(await refusal(sim.placeOrder(market('SELL', '0.10001', 'e')))).toBe(insufficient)
    expect(await refusal(sim.placeOrder(stop('STOP_LOSS', 'BUY', '110', '0.5', 'f')))).toBe(insufficient)
    const account = await sim.account()
    expect([balanceOf(account, 'USDT'), balanceOf(account, 'BTC')]).toEqual(['50/0', '0.1/0'])
    expect(await refusal(sim.placeOrder(limit('BUY', '100', '0.5', 'g')))).toBe('accepted')
  })

  it('leaves no trace of a refused order: no events, no history, no ids used', async () => {
    const { sim, events } = simSetup()
    await refusal(sim.placeOrder(limit('BUY', '99.001', '0.1', 'a')))
    await flush()
    expect(events).toEqual([])
    expect(await sim.allOrders({ symbol: 'BTCUSDT' })).toEqual([])
    const placed = await sim.placeOrder(limit('BUY', '99', '0.1', 'a'))
    expect(placed.orderId).toBe('1')
  })

  it('refuses a client order id in use by an open order, on any symbol', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(limit('BUY', '99', '0.1', 'same'))
    expect(await refusal(sim.placeOrder(limit('BUY', '98', '0.1', 'same')))).toBe(rejected(-2010, 'Duplicate order sent.'))
    expect(await refusal(sim.placeOrder({ ...limit('BUY', '9', '1', 'same'), symbol: 'ETHUSDT' }))).toBe(rejected(-2010, 'Duplicate order sent.'))
  })

  it('lets a client order id be reused once its order is closed; a query by it finds the latest', async () => {
    const { sim } = simSetup()
    const first = await sim.placeOrder(limit('BUY', '99', '0.1', 'again'))
    await sim.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: cid('again') })
    const second = await sim.placeOrder(limit('BUY', '98', '0.1', 'again'))
    expect(second.orderId).not.toBe(first.orderId)
    const found = await sim.queryOrder({ symbol: 'BTCUSDT', clientOrderId: cid('again') })
    expect([found.orderId, found.status, found.price.toFixed()]).toEqual([second.orderId, 'NEW', '98'])
    expect((await sim.queryOrder({ symbol: 'BTCUSDT', orderId: first.orderId })).status).toBe('CANCELED')
  })

  it('refuses a LIMIT_MAKER that would take, and rests one at the last price', async () => {
    const { sim } = simSetup()
    expect(await refusal(sim.placeOrder(limitMaker('BUY', '100.01', '0.1', 'a')))).toBe(rejected(-2010, 'Order would immediately match and take.'))
    expect(await refusal(sim.placeOrder(limitMaker('SELL', '99.99', '0.1', 'b')))).toBe(rejected(-2010, 'Order would immediately match and take.'))
    expect((await sim.placeOrder(limitMaker('BUY', '100', '0.1', 'c'))).status).toBe('NEW')
    expect((await sim.placeOrder(limitMaker('SELL', '100.01', '0.1', 'd'))).status).toBe('NEW')
  })

  it('refuses a stop whose trigger the last price already meets', async () => {
    const { sim } = simSetup()
    const immediate = rejected(-2010, 'Order would trigger immediately.')
    expect(await refusal(sim.placeOrder(stop('STOP_LOSS_LIMIT', 'SELL', '100', '0.1', 'a', '99')))).toBe(immediate)
    expect(await refusal(sim.placeOrder(stop('TAKE_PROFIT', 'SELL', '99.99', '0.1', 'b')))).toBe(immediate)
    expect(await refusal(sim.placeOrder(stop('STOP_LOSS', 'BUY', '99', '0.1', 'c')))).toBe(immediate)
    expect(await refusal(sim.placeOrder(stop('TAKE_PROFIT_LIMIT', 'BUY', '100.5', '0.1', 'd', '100.5')))).toBe(immediate)
    expect((await sim.placeOrder(stop('STOP_LOSS_LIMIT', 'SELL', '99.99', '0.1', 'e', '99.5'))).status).toBe('NEW')
  })

  it('answers -1112 on a symbol that has no price yet, until it trades', async () => {
    const { sim } = simSetup({ prices: { BTCUSDT: '100' } })
    const order = { ...limit('BUY', '9', '1', 'a'), symbol: 'ETHUSDT' }
    expect(await refusal(sim.placeOrder(order))).toBe(rejected(-1112, 'No orders on book for symbol.'))
    expect(await refusal(sim.lastPrice('ETHUSDT'))).toBe(rejected(-1112, 'No orders on book for symbol.'))
    sim.trade('ETHUSDT', d('10'), d('1'))
    expect(await refusal(sim.placeOrder(order))).toBe('accepted')
  })

  it('stamps orders with the clock and increasing integer ids', async () => {
    const { sim, clock } = simSetup()
    const first = await sim.placeOrder(limit('BUY', '99', '0.1', 'a'))
    await clock.advance(1500)
    const second = await sim.placeOrder(limit('BUY', '98', '0.1', 'b'))
    expect([first.orderId, first.createdAtMs, second.orderId, second.createdAtMs]).toEqual(['1', T0, '2', T0 + 1500])
  })
})
