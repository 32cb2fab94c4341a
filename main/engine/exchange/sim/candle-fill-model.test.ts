import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import type { NewOcoList } from '../port/new-order'
import { cid, d, leg, limit, market, simSetup } from './stubs'

const candle = (open: string, high: string, low: string, close: string) => ({
  symbol: 'BTCUSDT',
  openTimeMs: 0,
  closeTimeMs: 59_999,
  open: d(open),
  high: d(high),
  low: d(low),
  close: d(close),
  volume: d('1'),
  closed: true
})

async function statuses(sim: ReturnType<typeof simSetup>['sim']): Promise<string[]> {
  const orders = await sim.allOrders({ symbol: 'BTCUSDT' })
  return orders.map((order) => `${order.clientOrderId} ${order.status}`)
}

async function fills(sim: ReturnType<typeof simSetup>['sim']): Promise<string[]> {
  return (await sim.myTrades({ symbol: 'BTCUSDT' })).map((fill) => `${fill.clientOrderId} ${fill.side} ${fill.quantity.toFixed()}@${fill.price.toFixed()} ${fill.isMaker ? 'maker' : 'taker'}`)
}

describe('the candles fill model', () => {
  it('fills every resting LIMIT whose price the candle reaches, completely, at its own price, and nothing outside the range', async () => {
    const { sim } = simSetup({ fillModel: 'candles' })
    await sim.placeOrder(limit('BUY', '98', '0.5', 'b98'))
    await sim.placeOrder(limit('BUY', '94', '0.5', 'b94'))
    await sim.placeOrder(limit('SELL', '103', '0.25', 's103'))
    await sim.placeOrder(limit('SELL', '107', '0.25', 's107'))
    sim.candle(candle('100', '104', '95', '102'))
    expect(await fills(sim)).toEqual(['b98 BUY 0.5@98 maker', 's103 SELL 0.25@103 maker'])
    expect((await sim.openOrders('BTCUSDT')).map((order) => order.clientOrderId)).toEqual(['b94', 's107'])
    expect((await sim.lastPrice('BTCUSDT')).toFixed()).toBe('102')
  })

  it('follows the path: an up candle dips first (its BUYs fill before its SELLs), a down candle rallies first', async () => {
    const up = simSetup({ fillModel: 'candles' })
    await up.sim.placeOrder(limit('SELL', '103', '0.1', 'sell'))
    await up.sim.placeOrder(limit('BUY', '97', '0.1', 'buy'))
    up.sim.candle(candle('100', '104', '96', '103'))
    expect((await fills(up.sim)).map((fill) => fill.split(' ')[0])).toEqual(['buy', 'sell'])
    const down = simSetup({ fillModel: 'candles' })
    await down.sim.placeOrder(limit('BUY', '97', '0.1', 'buy'))
    await down.sim.placeOrder(limit('SELL', '103', '0.1', 'sell'))
    down.sim.candle(candle('100', '104', '96', '98'))
    expect((await fills(down.sim)).map((fill) => fill.split(' ')[0])).toEqual(['sell', 'buy'])
  })

  it('never takes on placement: a LIMIT across the last price rests until a later candle reaches its price', async () => {
    const { sim } = simSetup({ fillModel: 'candles' })
    await sim.placeOrder(limit('SELL', '95', '0.1', 'below-market'))
    expect(await statuses(sim)).toEqual(['below-market NEW'])
    // The market gaps above it: the candle never reaches 95, so nothing fills
    sim.candle(candle('101', '103', '100', '102'))
    expect(await fills(sim)).toEqual([])
    sim.candle(candle('99', '99', '94', '96'))
    expect(await fills(sim)).toEqual(['below-market SELL 0.1@95 maker'])
  })

  it('fills nothing entered during the candle: a counter-order placed after the dip waits for the next candle, though the rally passes it', async () => {
    const { sim } = simSetup({ fillModel: 'candles' })
    await sim.placeOrder(limit('BUY', '98', '0.5', 'b98'))
    sim.openCandle()
    sim.sweep('BTCUSDT', d('100'), d('95'))
    expect(await fills(sim)).toEqual(['b98 BUY 0.5@98 maker'])
    // Placed inside the candle, as the engine answers the fill
    await sim.placeOrder(limit('SELL', '99', '0.5', 's99'))
    sim.sweep('BTCUSDT', d('95'), d('104'))
    sim.sweep('BTCUSDT', d('104'), d('102'))
    expect(await fills(sim)).toEqual(['b98 BUY 0.5@98 maker'])
    expect(sim.activePrices('BTCUSDT')).toEqual({ lowestSell: d('99') })
    // The next candle may fill it: a whole candle replayed opens itself
    sim.candle(candle('102', '103', '98.5', '101'))
    expect(await fills(sim)).toEqual(['b98 BUY 0.5@98 maker', 's99 SELL 0.5@99 maker'])
  })

  it('fills nothing inside a gap: the price jumps to the open', async () => {
    const { sim } = simSetup({ fillModel: 'candles' })
    await sim.placeOrder(limit('BUY', '95', '0.1', 'b95'))
    sim.candle(candle('90', '92', '89', '91'))
    expect(await fills(sim)).toEqual([])
  })

  it('fills MARKET orders at the last price as taker', async () => {
    const { sim } = simSetup({ fillModel: 'candles' })
    sim.candle(candle('100', '101', '99', '100.5'))
    await sim.placeOrder(market('BUY', '0.1', 'm'))
    expect(await fills(sim)).toEqual(['m BUY 0.1@100.5 taker'])
  })

  it('triggers an OCO stop where the fall reaches it; its limit fills further down the leg and the take-profit leg expires', async () => {
    const { sim } = simSetup({ fillModel: 'candles' })
    const oco: NewOcoList = {
      symbol: 'BTCUSDT',
      listClientOrderId: cid('oco'),
      side: 'SELL',
      quantity: d('0.5'),
      above: leg('LIMIT_MAKER', 'tp', { price: '110' }),
      below: leg('STOP_LOSS_LIMIT', 'sl', { stopPrice: '95', price: '94' })
    }
    await sim.placeOcoList(oco)
    expect(sim.activePrices('BTCUSDT')).toEqual({ lowestSell: d('110'), fallTrigger: d('95') })
    sim.candle(candle('100', '101', '93', '96'))
    expect(await fills(sim)).toEqual(['sl SELL 0.5@94 maker'])
    expect(await statuses(sim)).toEqual(['tp EXPIRED', 'sl FILLED'])
    expect(sim.activePrices('BTCUSDT')).toEqual({})
  })

  it('keeps the trades model as before: a crossing LIMIT takes at once', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(limit('SELL', '95', '0.1', 'cross'))
    expect(await fills(sim)).toEqual(['cross SELL 0.1@100 taker'])
    expect(() => sim.sweep('BTCUSDT', new Decimal(100), new Decimal(90))).toThrow('sweep belongs to the candles fill model')
  })
})
