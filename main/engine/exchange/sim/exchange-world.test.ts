import { describe, expect, it } from 'vitest'
import { isExchangeRetryableError } from '../errors/exchange-retryable-error'
import type { TradeTick } from '../port/market-event'
import { balanceOf, cid, d, describeEvents, flush, limit, market, sellOco, simSetup, outcome } from './stubs'

const ref = (id: string) => ({ symbol: 'BTCUSDT', clientOrderId: cid(id) })

describe('orders the exchange forgets (a testnet reset)', () => {
  it('forgets an open order: queries answer -2013, cancels -2011, it leaves openOrders and allOrders, its funds are unlocked without an execution report', async () => {
    const { sim, events } = simSetup()
    await sim.placeOrder(limit('BUY', '99', '0.1', 'b'))
    await sim.placeOrder(limit('BUY', '98', '0.1', 'kept'))
    sim.world.forgetOrder(ref('b'))
    expect(await outcome(sim.queryOrder(ref('b')))).toBe('OrderNotFoundError -2013 Order does not exist.')
    expect(await outcome(sim.cancelOrder(ref('b')))).toBe('OrderNotFoundError -2011 Unknown order sent.')
    expect((await sim.openOrders('BTCUSDT')).map((order) => order.clientOrderId)).toEqual(['kept'])
    expect((await sim.allOrders({ symbol: 'BTCUSDT' })).map((order) => order.clientOrderId)).toEqual(['kept'])
    expect(balanceOf(await sim.account(), 'USDT')).toBe('9990.2/9.8')
    await flush()
    expect(describeEvents(events)).toEqual(['NEW b NEW', 'balances USDT', 'NEW kept NEW', 'balances USDT', 'balances USDT'])
    expect(sim.faults.stats().ordersForgotten).toBe(1)
  })

  it('forgets a filled order with its trades, and an OCO leg with its whole list, unlocking the list’s base once', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(market('BUY', '0.1', 'm'))
    sim.world.forgetOrder(ref('m'))
    expect(await sim.myTrades({ symbol: 'BTCUSDT' })).toEqual([])
    await sim.placeOcoList(sellOco('0.5', '110', '95', '94'))
    expect(balanceOf(await sim.account(), 'BTC')).toBe('0.5998/0.5')
    sim.world.forgetOrder(ref('oco1-sl'))
    expect(await sim.openOrderLists()).toEqual([])
    expect(await outcome(sim.queryOrder(ref('oco1-tp')))).toBe('OrderNotFoundError -2013 Order does not exist.')
    expect(balanceOf(await sim.account(), 'BTC')).toBe('1.0998/0')
  })

  it('a full reset forgets every order and trade and puts the starting balances back; ids are never reused', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(market('BUY', '0.1', 'm'))
    const open = await sim.placeOrder(limit('BUY', '90', '0.1', 'b'))
    sim.world.resetAccount()
    expect(await sim.allOrders({ symbol: 'BTCUSDT' })).toEqual([])
    expect(await sim.myTrades({ symbol: 'BTCUSDT' })).toEqual([])
    const account = await sim.account()
    expect([balanceOf(account, 'USDT'), balanceOf(account, 'BTC')]).toEqual(['10000/0', '1/0'])
    const next = await sim.placeOrder(limit('BUY', '90', '0.1', 'b'))
    expect(BigInt(next.orderId)).toBeGreaterThan(BigInt(open.orderId))
    sim.world.resetAccount({ USDT: d('50') })
    expect([balanceOf(await sim.account(), 'USDT'), balanceOf(await sim.account(), 'BTC')]).toEqual(['50/0', '0/0'])
    expect(sim.faults.stats().accountResets).toBe(2)
  })
})

describe('a partial fill, then a cancel by someone else', () => {
  it('fills part of our order at its price (a public trade prints), then cancels it with the website’s cancel id', async () => {
    const { sim, events } = simSetup()
    const ticks: TradeTick[] = []
    sim.subscribeTrades('BTCUSDT', (tick) => ticks.push(tick))
    const placed = await sim.placeOrder(limit('BUY', '99', '0.1', 'b'))
    const report = sim.world.partialFillThenCancel(ref('b'), d('0.04'), 'web_0123456789abcdef0123456789abcdef')
    expect([report.status, report.executedQty.toFixed()]).toEqual(['CANCELED', '0.04'])
    expect(sim.world.externalCancelId(placed.orderId)).toBe('web_0123456789abcdef0123456789abcdef')
    await flush()
    expect(describeEvents(events)).toEqual(['NEW b NEW', 'balances USDT', 'TRADE b PARTIALLY_FILLED 0.04@99 maker', 'balances USDT,BTC', 'CANCELED b CANCELED', 'balances USDT'])
    expect(ticks.map((tick) => `${tick.quantity.toFixed()}@${tick.price.toFixed()}`)).toEqual(['0.04@99'])
    const account = await sim.account()
    expect([balanceOf(account, 'USDT'), balanceOf(account, 'BTC')]).toEqual(['9996.04/0', '1.03996/0'])
  })

  it('refuses a "partial" fill that would fill the order, and an order that is not open', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(limit('BUY', '99', '0.1', 'b'))
    expect(() => sim.world.partialFillThenCancel(ref('b'), d('0.1'))).toThrow(RangeError)
    sim.world.partialFillThenCancel(ref('b'), d('0'))
    expect(() => sim.world.partialFillThenCancel(ref('b'), d('0'))).toThrow('Unknown order sent.')
  })

  it('at random, cancels one of our open orders on a trade, with a website id, counted', async () => {
    const { sim } = simSetup({ faults: { externalCancelRate: 1 } })
    const placed = await sim.placeOrder(limit('BUY', '90', '0.5', 'b'))
    sim.trade('BTCUSDT', d('100'), d('1'))
    const report = await sim.queryOrder(ref('b'))
    expect(report.status).toBe('CANCELED')
    expect(sim.world.externalCancelId(placed.orderId)).toMatch(/^web_[0-9a-f]{32}$/)
    expect(sim.faults.stats().externalCancels).toBe(1)
  })
})

describe('the person trading by hand on the same account', () => {
  it('places, fills and cancels orders with Binance’s own ids, moving the shared balances', async () => {
    const { sim, events } = simSetup()
    const resting = sim.world.handPlace({ symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', price: d('105'), quantity: d('0.05') })
    expect(resting.clientOrderId).toMatch(/^web_[0-9a-f]{32}$/)
    const bought = sim.world.handPlace({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: d('0.1'), app: 'and' })
    expect(bought.clientOrderId).toMatch(/^and_[0-9a-f]{32}$/)
    expect(bought.status).toBe('FILLED')
    expect((await sim.openOrders('BTCUSDT')).map((order) => order.clientOrderId)).toEqual([resting.clientOrderId])
    sim.world.handCancel({ symbol: 'BTCUSDT', orderId: resting.orderId })
    const account = await sim.account()
    expect([balanceOf(account, 'USDT'), balanceOf(account, 'BTC')]).toEqual(['9990/0', '1.0998/0'])
    await flush()
    expect(describeEvents(events).filter((line) => !line.startsWith('balances')).map((line) => line.replace(/_[0-9a-f]{32}/, '_…'))).toEqual([
      'NEW web_… NEW',
      'NEW and_… NEW',
      'TRADE and_… FILLED 0.1@100 taker',
      'CANCELED web_… CANCELED'
    ])
    expect(sim.faults.stats()).toMatchObject({ handOrdersPlaced: 2, handOrdersCancelled: 1 })
  })

  it('is refused as anyone is: a MARKET beyond the free balance places nothing', () => {
    const { sim } = simSetup()
    expect(() => sim.world.handPlace({ symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: d('2') })).toThrow('Account has insufficient balance for requested action.')
    expect(sim.faults.stats().handOrdersPlaced).toBe(0)
  })

  it('trades at random on public trades, every order of theirs with a web_ or and_ id, counted', async () => {
    const { sim } = simSetup({ faults: { handTradeRate: 1 }, seed: 3 })
    for (let index = 0; index < 60; index += 1) sim.trade('BTCUSDT', d(index % 2 === 0 ? '100' : '100.5'), d('0.01'))
    const theirs = (await sim.allOrders({ symbol: 'BTCUSDT' })).filter((order) => /^(web|and)_[0-9a-f]{32}$/.test(order.clientOrderId))
    const stats = sim.faults.stats()
    expect(theirs.length).toBe(stats.handOrdersPlaced)
    expect(stats.handOrdersPlaced).toBeGreaterThan(20)
    expect(stats.handOrdersCancelled).toBeGreaterThan(0)
    expect(theirs.some((order) => order.type === 'MARKET' && order.status === 'FILLED')).toBe(true)
  })
})

describe('a symbol going to BREAK and back', () => {
  it('shows BREAK in exchangeInfo, refuses new orders with -2010 "Market is closed.", lets cancels through, and trades nothing until TRADING again', async () => {
    const { sim, clock } = simSetup()
    await sim.placeOrder(limit('BUY', '99', '0.1', 'rest'))
    await sim.placeOrder(limit('BUY', '98', '0.1', 'gone'))
    sim.world.setSymbolStatus('BTCUSDT', 'BREAK', 60_000)
    expect((await sim.exchangeInfo(['BTCUSDT'])).symbols.get('BTCUSDT')?.status).toBe('BREAK')
    expect(await outcome(sim.placeOrder(limit('BUY', '97', '0.1', 'new')))).toBe('ExchangeRejectedError -2010 Market is closed.')
    expect((await sim.cancelOrder(ref('gone'))).status).toBe('CANCELED')
    expect(sim.trade('BTCUSDT', d('98.5'), d('1'))).toBe(false)
    expect((await sim.queryOrder(ref('rest'))).status).toBe('NEW')
    await clock.advance(60_000)
    expect((await sim.exchangeInfo()).symbols.get('BTCUSDT')?.status).toBe('TRADING')
    expect(await outcome(sim.placeOrder(limit('BUY', '97', '0.1', 'new')))).toBe('ok')
    expect(sim.faults.stats().symbolBreaks).toBe(1)
  })

  it('goes to BREAK at random for symbolBreakMs', async () => {
    const { sim, clock } = simSetup({ faults: { symbolBreakRate: 1, symbolBreakMs: 5000 } })
    sim.trade('BTCUSDT', d('100'), d('1'))
    expect((await sim.exchangeInfo()).symbols.get('BTCUSDT')?.status).toBe('BREAK')
    sim.faults.configure({ symbolBreakRate: 0 })
    await clock.advance(5000)
    expect((await sim.exchangeInfo()).symbols.get('BTCUSDT')?.status).toBe('TRADING')
    expect(sim.faults.stats().symbolBreaks).toBe(1)
  })
})

describe('a rules change while bots run', () => {
  it('changes the tick size at a point in time: exchangeInfo shows it, new orders are checked by it, resting orders stay and fill', async () => {
    const { sim, clock } = simSetup()
    await sim.placeOrder(limit('BUY', '99.01', '0.1', 'old'))
    sim.world.changeRules('BTCUSDT', { tickSize: d('0.1') }, clock.nowMs() + 1000)
    expect((await sim.exchangeInfo()).symbols.get('BTCUSDT')?.filters.priceFilter?.tickSize.toFixed()).toBe('0.01')
    await clock.advance(1000)
    const rules = (await sim.exchangeInfo()).symbols.get('BTCUSDT')
    expect([rules?.filters.priceFilter?.tickSize.toFixed(), rules?.filters.priceFilter?.minPrice.toFixed()]).toEqual(['0.1', '0.1'])
    expect(await outcome(sim.placeOrder(limit('BUY', '98.05', '0.1', 'new')))).toBe('ExchangeRejectedError -1013 Filter failure: PRICE_FILTER')
    expect(await outcome(sim.placeOrder(limit('BUY', '98.1', '0.1', 'new')))).toBe('ok')
    sim.trade('BTCUSDT', d('99'), d('1'))
    expect((await sim.queryOrder(ref('old'))).status).toBe('FILLED')
    expect(sim.faults.stats().rulesChanges).toBe(1)
  })

  it('changes the lot step and the minimum notional', async () => {
    const { sim } = simSetup()
    sim.world.changeRules('BTCUSDT', { stepSize: d('0.001'), minNotional: d('20') })
    expect(await outcome(sim.placeOrder(limit('BUY', '99', '0.1234', 'a')))).toBe('ExchangeRejectedError -1013 Filter failure: LOT_SIZE')
    expect(await outcome(sim.placeOrder(limit('BUY', '99', '0.1', 'b')))).toBe('ExchangeRejectedError -1013 Filter failure: NOTIONAL')
    expect(await outcome(sim.placeOrder(limit('BUY', '99', '0.203', 'c')))).toBe('ok')
  })

  it('changes a rule at random on a trade, counted', async () => {
    const { sim } = simSetup({ faults: { rulesChangeRate: 1 }, seed: 2 })
    const before = (await sim.exchangeInfo()).symbols.get('BTCUSDT')
    sim.trade('BTCUSDT', d('100'), d('1'))
    const after = (await sim.exchangeInfo()).symbols.get('BTCUSDT')
    expect(after).not.toEqual(before)
    expect(sim.faults.stats().rulesChanges).toBe(1)
  })
})

describe('-1021 bursts', () => {
  it('refuses every signed call with a retryable -1021 for the burst, executes nothing, and lets unsigned calls through', async () => {
    const { sim, clock } = simSetup()
    sim.world.timestampBurst(30_000)
    const error = await sim.placeOrder(limit('BUY', '99', '0.1', 'a')).catch((caught: unknown) => caught)
    expect(isExchangeRetryableError(error)).toBe(true)
    expect(error).toMatchObject({ reason: 'timestamp', venueCode: -1021, message: 'Timestamp for this request is outside of the recvWindow.' })
    for (const call of [sim.account(), sim.openOrders('BTCUSDT'), sim.queryOrder(ref('a')), sim.myTrades({ symbol: 'BTCUSDT' }), sim.openOrderLists()]) {
      expect(await outcome(call)).toBe('ExchangeRetryableError -1021 Timestamp for this request is outside of the recvWindow.')
    }
    for (const call of [sim.exchangeInfo(), sim.serverTimeMs(), sim.lastPrice('BTCUSDT'), sim.avgPrice('BTCUSDT'), sim.klines('BTCUSDT', '1m', 5)]) expect(await outcome(call)).toBe('ok')
    await clock.advance(29_999)
    expect(await outcome(sim.account())).toMatch(/-1021/)
    await clock.advance(1)
    expect(await outcome(sim.queryOrder(ref('a')))).toBe('OrderNotFoundError -2013 Order does not exist.')
    expect(sim.faults.stats()).toMatchObject({ timestampBursts: 1, timestampRejected: 7 })
  })

  it('starts bursts at random on signed calls', async () => {
    const { sim, clock } = simSetup({ faults: { timestampBurstRate: 1, timestampBurstMs: 1000 } })
    expect(await outcome(sim.account())).toMatch(/-1021/)
    sim.faults.configure({ timestampBurstRate: 0 })
    await clock.advance(1000)
    expect(await outcome(sim.account())).toBe('ok')
    expect(sim.faults.stats()).toMatchObject({ timestampBursts: 1, timestampRejected: 1 })
  })
})
