import { describe, expect, it } from 'vitest'
import type { Exchange } from '../exchange/port/exchange'
import { limit, market, sellOco, simSetup } from '../exchange/sim/stubs'
import { isBotIdInUseError } from './bot-id-in-use-error'
import { findEarlierBotOrders, refuseEarlierBotOrders } from './earlier-bot-orders'

/** The exchange as one that keeps fewer recent orders than the trades it shows: allOrders answers nothing. */
function withoutOrderHistory(exchange: Exchange): Exchange {
  return new Proxy(exchange, {
    get(target, property, receiver) {
      if (property === 'allOrders') return async () => []
      const value = Reflect.get(target, property, receiver) as unknown
      return typeof value === 'function' ? value.bind(target) : value
    }
  })
}

describe('findEarlierBotOrders and refuseEarlierBotOrders', () => {
  it('find nothing, and let the bot be created, where the exchange has no order under its prefix', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(limit('BUY', '90', '0.1', 'gk-b10-1B-1'))
    await sim.placeOrder(limit('BUY', '91', '0.1', 'by-hand-gk-b1-1'))
    expect(await findEarlierBotOrders(sim, 'b1', 'BTCUSDT')).toEqual({ openIds: [], pastIds: [] })
    await expect(refuseEarlierBotOrders(sim, 'b1', 'BTCUSDT')).resolves.toBeUndefined()
  })

  it('find the bot\'s open orders, its open OCO list and its orders that ended, and refuse to reuse its ids', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(market('BUY', '0.5', 'gk-b1-A-1'))
    await sim.placeOrder(limit('BUY', '90', '0.1', 'gk-b1-4B-1'))
    await sim.placeOrder(limit('BUY', '80', '0.1', 'gk-b1-3B-1'))
    await sim.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: 'gk-b1-3B-1' as never })
    await sim.placeOcoList(sellOco('0.2', '150', '70', '69', 'gk-b1-X-1'))
    await sim.placeOrder(limit('BUY', '95', '0.1', 'gk-b2-5B-1'))
    const found = await findEarlierBotOrders(sim, 'b1', 'BTCUSDT')
    expect([...found.openIds].sort()).toEqual(['gk-b1-4B-1', 'gk-b1-X-1-sl', 'gk-b1-X-1-tp'])
    expect([...found.pastIds].sort()).toEqual(['gk-b1-3B-1', 'gk-b1-A-1'])
    let refusal: unknown
    await refuseEarlierBotOrders(sim, 'b1', 'BTCUSDT').catch((error: unknown) => (refusal = error))
    expect(isBotIdInUseError(refusal)).toBe(true)
    expect((refusal as Error).message).toMatch(/^bot b1 is not created: the exchange already has 3 open and 2 earlier BTCUSDT orders of a bot with that id \(gk-b1-\S+, gk-b1-\S+, gk-b1-\S+, …\), which no journal here knows; a new bot b1 would send the same client order ids again\. Give the new bot another id, or put back the journal that holds bot b1$/)
  })

  it('find an order only a recent trade names, by asking the exchange for it', async () => {
    const { sim } = simSetup()
    await sim.placeOrder(market('BUY', '0.5', 'gk-b1-A-1'))
    const exchange = withoutOrderHistory(sim)
    expect(await findEarlierBotOrders(exchange, 'b1', 'BTCUSDT')).toEqual({ openIds: [], pastIds: ['gk-b1-A-1'] })
    expect(await findEarlierBotOrders(exchange, 'b2', 'BTCUSDT')).toEqual({ openIds: [], pastIds: [] })
  })
})
