import { describe, expect, it } from 'vitest'
import type { TradeTick } from '../port/market-event'
import type { SimExchange } from './sim-exchange'
import { balanceOf, cid, d, describeEvents, flush, limit, market, marketQuote, simSetup, stop, T0 } from './stubs'

async function balances(sim: SimExchange): Promise<string> {
  const account = await sim.account()
  return `USDT ${balanceOf(account, 'USDT')} BTC ${balanceOf(account, 'BTC')}`
}

async function status(sim: SimExchange, id: string): Promise<string> {
  const order = await sim.queryOrder({ symbol: 'BTCUSDT', clientOrderId: cid(id) })
  return `${order.status} ${order.executedQty.toFixed()}${order.expiryReason === undefined ? '' : ` ${order.expiryReason}`}`
}

async function fills(sim: SimExchange): Promise<string[]> {
  return (await sim.myTrades({ symbol: 'BTCUSDT' })).map(
    (fill) => `${fill.clientOrderId} ${fill.quantity.toFixed()}@${fill.price.toFixed()} ${fill.isMaker ? 'maker' : 'taker'} fee ${fill.commission.toFixed()} ${fill.commissionAsset}`
  )
}

describe('resting orders fill as makers when a trade reaches them', () => {
  it('fills a BUY at its price when a trade prints at or below it; the fee is taken in base', async () => {
    const { sim, clock } = simSetup()
    await sim.placeOrder(limit('BUY', '99', '0.5', 'b1'))
    expect(await balances(sim)).toBe('USDT 9950.5/49.5 BTC 1/0')
    await clock.advance(1000)
    sim.trade('BTCUSDT', d('98.5'), d('1'))
    expect(await balances(sim)).toBe('USDT 9950.5/0 BTC 1.4995/0')
    const [fill] = await sim.myTrades({ symbol: 'BTCUSDT' })
    expect(fill).toMatchObject({ tradeId: '1', orderId: '1', clientOrderId: 'b1', side: 'BUY', commissionAsset: 'BTC', isMaker: true, timeMs: T0 + 1000 })
    expect([fill?.price.toFixed(), fill?.quantity.toFixed(), fill?.quoteQuantity.toFixed(), fill?.commission.toFixed()]).toEqual(['99', '0.5', '49.5', '0.0005'])
  })

  it('fills a SELL at its price when a trade prints at or above it; the fee is taken in quote', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(limit('SELL', '101', '0.3', 's1'))
    expect(await balances(sim)).toBe('USDT 10000/0 BTC 0.7/0.3')
    sim.trade('BTCUSDT', d('100.99'), d('5'))
    expect(await status(sim, 's1')).toBe('NEW 0')
    sim.trade('BTCUSDT', d('101'), d('5'))
    expect(await balances(sim)).toBe('USDT 10030.2697/0 BTC 0.7/0')
    expect(await fills(sim)).toEqual(['s1 0.3@101 maker fee 0.0303 USDT'])
  })

  it('fills partially when the trade is short of liquidity, and keeps the order working', async () => {
    const { sim, events } = simSetup()
    await sim.placeOrder(limit('BUY', '99', '1', 'b1'))
    sim.trade('BTCUSDT', d('99'), d('0.3'))
    expect(await status(sim, 'b1')).toBe('PARTIALLY_FILLED 0.3')
    sim.trade('BTCUSDT', d('98'), d('0.5'))
    expect(await status(sim, 'b1')).toBe('PARTIALLY_FILLED 0.8')
    sim.trade('BTCUSDT', d('99'), d('2'))
    expect(await status(sim, 'b1')).toBe('FILLED 1')
    expect(await balances(sim)).toBe('USDT 9901/0 BTC 1.999/0')
    await flush()
    expect(describeEvents(events)).toEqual([
      'NEW b1 NEW',
      'balances USDT',
      'TRADE b1 PARTIALLY_FILLED 0.3@99 maker',
      'balances USDT,BTC',
      'TRADE b1 PARTIALLY_FILLED 0.5@99 maker',
      'balances USDT,BTC',
      'TRADE b1 FILLED 0.2@99 maker',
      'balances USDT,BTC'
    ])
  })

  it('uses only liquidity on the lot step', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(limit('BUY', '99', '0.1', 'b1'))
    sim.trade('BTCUSDT', d('99'), d('0.000019'))
    expect(await status(sim, 'b1')).toBe('PARTIALLY_FILLED 0.00001')
  })

  it('gives BUYs price priority: the higher bid fills first', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(limit('BUY', '98', '0.1', 'low'))
    await sim.placeOrder(limit('BUY', '99', '0.1', 'high'))
    sim.trade('BTCUSDT', d('97'), d('0.15'))
    expect(await fills(sim)).toEqual(['high 0.1@99 maker fee 0.0001 BTC', 'low 0.05@98 maker fee 0.00005 BTC'])
  })

  it('gives SELLs price priority: the lower ask fills first', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(limit('SELL', '102', '0.1', 'high'))
    await sim.placeOrder(limit('SELL', '101', '0.1', 'low'))
    sim.trade('BTCUSDT', d('103'), d('0.15'))
    expect(await fills(sim)).toEqual(['low 0.1@101 maker fee 0.0101 USDT', 'high 0.05@102 maker fee 0.0051 USDT'])
  })

  it('gives time priority at the same price', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(limit('BUY', '99', '0.1', 'first'))
    await sim.placeOrder(limit('BUY', '99', '0.1', 'second'))
    sim.trade('BTCUSDT', d('99'), d('0.1'))
    expect([await status(sim, 'first'), await status(sim, 'second')]).toEqual(['FILLED 0.1', 'NEW 0'])
  })

  it('does not fill a BUY when the trade prints above it, nor with a zero-quantity trade', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(limit('BUY', '99', '0.1', 'b1'))
    sim.trade('BTCUSDT', d('99.01'), d('10'))
    sim.trade('BTCUSDT', d('98'), d('0'))
    expect(await status(sim, 'b1')).toBe('NEW 0')
    expect((await sim.lastPrice('BTCUSDT')).toFixed()).toBe('98')
  })
})

describe('orders that take at once', () => {
  it('fills a crossing LIMIT BUY as taker at the last price and returns the excess lock', async () => {
    const { sim } = simSetup()
    const report = await sim.placeOrder(limit('BUY', '101', '0.2', 'b1'))
    expect([report.status, report.executedQty.toFixed(), report.cumulativeQuoteQty.toFixed()]).toEqual(['FILLED', '0.2', '20'])
    expect(await balances(sim)).toBe('USDT 9980/0 BTC 1.1996/0')
    expect(await fills(sim)).toEqual(['b1 0.2@100 taker fee 0.0004 BTC'])
  })

  it('fills a crossing LIMIT SELL as taker at the last price', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(limit('SELL', '99', '0.2', 's1'))
    expect(await balances(sim)).toBe('USDT 10019.96/0 BTC 0.8/0')
  })

  it('fills MARKET orders at the last price as taker', async () => {
    const { sim } = simSetup()
    const buy = await sim.placeOrder(market('BUY', '0.1', 'm1'))
    expect([buy.status, buy.price.toFixed(), buy.cumulativeQuoteQty.toFixed()]).toEqual(['FILLED', '0', '10'])
    expect(await balances(sim)).toBe('USDT 9990/0 BTC 1.0998/0')
    await sim.placeOrder(market('SELL', '0.1', 'm2'))
    expect(await balances(sim)).toBe('USDT 9999.98/0 BTC 0.9998/0')
  })

  it('buys by quote quantity as much as the amount allows on the lot step', async () => {
    const { sim } = simSetup({ prices: { BTCUSDT: '30.03' } })
    const report = await sim.placeOrder(marketQuote('BUY', '10', 'q1'))
    expect([report.origQty.toFixed(), report.cumulativeQuoteQty.toFixed()]).toEqual(['0.333', '9.99999'])
    expect(await balances(sim)).toBe('USDT 9990.00001/0 BTC 1.332334/0')
  })

  it('sells by quote quantity the base that brings at most that amount', async () => {
    const { sim } = simSetup()
    const report = await sim.placeOrder(marketQuote('SELL', '12.345', 'q1'))
    expect([report.origQty.toFixed(), report.cumulativeQuoteQty.toFixed()]).toEqual(['0.12345', '12.345'])
    expect(await balances(sim)).toBe('USDT 10012.32031/0 BTC 0.87655/0')
  })

  it('expires a non-crossing IOC or FOK limit at once, and fills a crossing IOC', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(limit('BUY', '99', '0.1', 'ioc', { timeInForce: 'IOC' }))
    await sim.placeOrder(limit('BUY', '99', '0.1', 'fok', { timeInForce: 'FOK' }))
    await sim.placeOrder(limit('BUY', '100.5', '0.1', 'ioc2', { timeInForce: 'IOC' }))
    expect([await status(sim, 'ioc'), await status(sim, 'fok'), await status(sim, 'ioc2')]).toEqual([
      'EXPIRED 0 UNFILLED_IOC_QUANTITY_EXPIRED',
      'EXPIRED 0 UNFILLED_FOK_ORDER_EXPIRED',
      'FILLED 0.1'
    ])
    expect(await balances(sim)).toBe('USDT 9990/0 BTC 1.0998/0')
  })
})

describe('stops', () => {
  it('triggers a SELL STOP_LOSS_LIMIT at the stop; a limit below the trade takes at once', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(stop('STOP_LOSS_LIMIT', 'SELL', '95', '0.2', 'sl', '94.5'))
    expect(await balances(sim)).toBe('USDT 10000/0 BTC 0.8/0.2')
    sim.trade('BTCUSDT', d('95.01'), d('1'))
    expect(await status(sim, 'sl')).toBe('NEW 0')
    sim.trade('BTCUSDT', d('95'), d('1'))
    expect(await fills(sim)).toEqual(['sl 0.2@95 taker fee 0.038 USDT'])
    expect(await balances(sim)).toBe('USDT 10018.962/0 BTC 0.8/0')
  })

  it('rests a triggered stop-limit whose limit does not cross, then fills it as maker', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(stop('STOP_LOSS_LIMIT', 'SELL', '95', '0.2', 'sl', '95.5'))
    sim.trade('BTCUSDT', d('95'), d('1'))
    sim.trade('BTCUSDT', d('95.49'), d('1'))
    expect(await status(sim, 'sl')).toBe('NEW 0')
    sim.trade('BTCUSDT', d('95.5'), d('1'))
    expect(await fills(sim)).toEqual(['sl 0.2@95.5 maker fee 0.0191 USDT'])
    expect(await balances(sim)).toBe('USDT 10019.0809/0 BTC 0.8/0')
  })

  it('executes a triggered STOP_LOSS as MARKET at the trade price, even through a gap', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(stop('STOP_LOSS', 'SELL', '95', '0.1', 'sl'))
    sim.trade('BTCUSDT', d('94'), d('0'))
    expect(await fills(sim)).toEqual(['sl 0.1@94 taker fee 0.0188 USDT'])
    expect(await balances(sim)).toBe('USDT 10009.3812/0 BTC 0.9/0')
  })

  it('triggers a SELL TAKE_PROFIT at or above the stop', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(stop('TAKE_PROFIT', 'SELL', '105', '0.1', 'tp'))
    sim.trade('BTCUSDT', d('104.99'), d('1'))
    expect(await status(sim, 'tp')).toBe('NEW 0')
    sim.trade('BTCUSDT', d('105'), d('1'))
    expect(await balances(sim)).toBe('USDT 10010.479/0 BTC 0.9/0')
  })

  it('locks a BUY STOP_LOSS at its stop price and pays the trade price when it triggers', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(stop('STOP_LOSS', 'BUY', '105', '0.1', 'sl'))
    expect(await balances(sim)).toBe('USDT 9989.5/10.5 BTC 1/0')
    sim.trade('BTCUSDT', d('106'), d('1'))
    expect(await fills(sim)).toEqual(['sl 0.1@106 taker fee 0.0002 BTC'])
    expect(await balances(sim)).toBe('USDT 9989.4/0 BTC 1.0998/0')
  })

  it('triggers a BUY TAKE_PROFIT_LIMIT at or below the stop and takes at the trade price', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(stop('TAKE_PROFIT_LIMIT', 'BUY', '95', '0.1', 'tp', '95'))
    sim.trade('BTCUSDT', d('94.9'), d('1'))
    expect(await fills(sim)).toEqual(['tp 0.1@94.9 taker fee 0.0002 BTC'])
    expect(await balances(sim)).toBe('USDT 9990.51/0 BTC 1.0998/0')
  })

  it('expires a triggered market BUY the free balance cannot pay, and returns its lock', async () => {
    const { sim } = simSetup({ balances: { USDT: '10.5', BTC: '0' } })
    await sim.placeOrder(stop('STOP_LOSS', 'BUY', '105', '0.1', 'sl'))
    sim.trade('BTCUSDT', d('110'), d('1'))
    expect(await status(sim, 'sl')).toBe('EXPIRED 0 REJECTED')
    expect(await balances(sim)).toBe('USDT 10.5/0 BTC 0/0')
  })
})

describe('candles and the public trade feed', () => {
  it('replays an up candle open → low → high → close with its volume split in four', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(limit('BUY', '98', '0.2', 'buy'))
    await sim.placeOrder(limit('SELL', '102.5', '0.2', 'sell'))
    sim.candle({ symbol: 'BTCUSDT', openTimeMs: T0, closeTimeMs: T0 + 59_999, open: d('100'), high: d('103'), low: d('97'), close: d('102'), volume: d('0.4'), closed: true })
    expect(await fills(sim)).toEqual(['buy 0.1@98 maker fee 0.0001 BTC', 'sell 0.1@102.5 maker fee 0.01025 USDT'])
    expect((await sim.lastPrice('BTCUSDT')).toFixed()).toBe('102')
  })

  it('replays a down candle open → high → low → close', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(limit('SELL', '102.5', '0.1', 'tp'))
    await sim.placeOrder(stop('STOP_LOSS', 'SELL', '97.5', '0.1', 'sl'))
    sim.candle({ symbol: 'BTCUSDT', openTimeMs: T0, closeTimeMs: T0 + 59_999, open: d('100'), high: d('103'), low: d('97'), close: d('98'), volume: d('4'), closed: true })
    expect(await fills(sim)).toEqual(['tp 0.1@102.5 maker fee 0.01025 USDT', 'sl 0.1@97 taker fee 0.0194 USDT'])
  })

  it('delivers public trades to subscribers of the symbol, later and in order', async () => {
    const { sim } = simSetup()
    const ticks: TradeTick[] = []
    const stopListening = sim.subscribeTrades('BTCUSDT', (tick) => ticks.push(tick))
    sim.subscribeTrades('ETHUSDT', () => {
      throw new Error('wrong symbol')
    })
    sim.trade('BTCUSDT', d('101'), d('1'))
    sim.trade('BTCUSDT', d('102'), d('2'))
    expect(ticks).toEqual([])
    await flush()
    expect(ticks.map((tick) => `${tick.price.toFixed()} ${tick.quantity.toFixed()} ${tick.timeMs}`)).toEqual([`101 1 ${T0}`, `102 2 ${T0}`])
    stopListening()
    sim.trade('BTCUSDT', d('103'), d('1'))
    await flush()
    expect(ticks).toHaveLength(2)
  })

  it('refuses to print a trade on an unknown symbol or at a non-positive price', () => {
    const { sim } = simSetup()
    expect(() => sim.trade('NOPE', d('1'), d('1'))).toThrow(RangeError)
    expect(() => sim.trade('BTCUSDT', d('0'), d('1'))).toThrow(RangeError)
    expect(() => sim.trade('BTCUSDT', d('1'), d('-1'))).toThrow(RangeError)
  })
})
