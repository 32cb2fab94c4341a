import { describe, expect, it } from 'vitest'
import { balanceOf, cid, d, describeEvents, flush, limit, market, simRules, simSetup, type SimSetup } from './stubs'
import type { NewOrder } from '../port/new-order'

const STP_MODES = ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH', 'DECREMENT', 'TRANSFER']

/** A simulator whose BTCUSDT uses `mode` as its default self-trade prevention mode. */
function stpSetup(mode: string): SimSetup {
  return simSetup({ rules: simRules({ btc: { defaultSelfTradePreventionMode: mode, allowedSelfTradePreventionModes: STP_MODES } }) })
}

async function status(setup: SimSetup, id: string) {
  return setup.sim.queryOrder({ symbol: 'BTCUSDT', clientOrderId: cid(id) })
}

const ioc = (side: 'BUY' | 'SELL', price: string, quantity: string, id: string): NewOrder => limit(side, price, quantity, id, { timeInForce: 'IOC' })
const fok = (side: 'BUY' | 'SELL', price: string, quantity: string, id: string): NewOrder => limit(side, price, quantity, id, { timeInForce: 'FOK' })

describe('a book as deep as usual', () => {
  it('fills a crossing order whole at the last price and leaves the account’s own resting orders alone', async () => {
    const setup = stpSetup('EXPIRE_MAKER')
    await setup.sim.placeOrder(limit('SELL', '101', '0.1', 'ask'))
    const taken = await setup.sim.placeOrder(market('BUY', '0.2', 'take'))
    expect([taken.status, taken.executedQty.toFixed()]).toEqual(['FILLED', '0.2'])
    expect((await status(setup, 'ask')).status).toBe('NEW')
    expect(setup.sim.faults.stats()).toMatchObject({ thinBookTakes: 0, selfTradesPrevented: 0 })
  })
})

describe('self-trade prevention in a thin book (Binance STP FAQ)', () => {
  it('EXPIRE_MAKER: a MARKET order walks into our own resting order, which ends EXPIRED_IN_MATCH; the MARKET remainder expires for lack of liquidity', async () => {
    const setup = stpSetup('EXPIRE_MAKER')
    const { sim, events } = setup
    await sim.placeOrder(limit('SELL', '101', '0.1', 'ask'))
    sim.world.thinBookNext('BTCUSDT', d('0.05'))
    const taken = await sim.placeOrder(market('BUY', '0.2', 'take'))
    expect([taken.status, taken.executedQty.toFixed(), taken.expiryReason]).toEqual(['EXPIRED', '0.05', 'INSUFFICIENT_LIQUIDITY'])
    const ask = await status(setup, 'ask')
    expect([ask.status, ask.executedQty.toFixed(), ask.preventedQuantity?.toFixed()]).toEqual(['EXPIRED_IN_MATCH', '0', '0.1'])
    expect(await sim.openOrders('BTCUSDT')).toEqual([])
    await flush()
    expect(describeEvents(events)).toEqual([
      'NEW ask NEW',
      'balances BTC',
      'NEW take NEW',
      'TRADE take PARTIALLY_FILLED 0.05@100 taker',
      'TRADE_PREVENTION ask EXPIRED_IN_MATCH',
      'EXPIRED take EXPIRED INSUFFICIENT_LIQUIDITY',
      'balances USDT,BTC'
    ])
    const account = await sim.account()
    // 0.05 bought at 100 with 0.2 % taker fee in BTC; the expired ask's 0.1 BTC unlocked
    expect([balanceOf(account, 'USDT'), balanceOf(account, 'BTC')]).toEqual(['9995/0', '1.0499/0'])
    expect(sim.faults.stats()).toMatchObject({ thinBookTakes: 1, selfTradesPrevented: 1 })
  })

  it('EXPIRE_TAKER: after a partial fill at the touch the taker meets our ask within its price and ends EXPIRED_IN_MATCH; the ask stays', async () => {
    const setup = stpSetup('EXPIRE_TAKER')
    const { sim, events } = setup
    await sim.placeOrder(limit('SELL', '101', '0.1', 'ask'))
    sim.world.thinBookNext('BTCUSDT', d('0.05'))
    const taken = await sim.placeOrder(limit('BUY', '101.5', '0.2', 'take'))
    expect([taken.status, taken.executedQty.toFixed(), taken.preventedQuantity?.toFixed()]).toEqual(['EXPIRED_IN_MATCH', '0.05', '0.15'])
    expect((await status(setup, 'ask')).status).toBe('NEW')
    await flush()
    expect(describeEvents(events).slice(2)).toEqual([
      'NEW take NEW',
      'TRADE take PARTIALLY_FILLED 0.05@100 taker',
      'TRADE_PREVENTION take EXPIRED_IN_MATCH',
      'balances USDT,BTC'
    ])
    const account = await sim.account()
    // The BUY's lock of 0.2 × 101.5 is gone: 5 paid, the rest unlocked
    expect([balanceOf(account, 'USDT'), balanceOf(account, 'BTC')]).toEqual(['9995/0', '0.9499/0.1'])
  })

  it('EXPIRE_BOTH: both orders end EXPIRED_IN_MATCH with their whole remainders prevented', async () => {
    const setup = stpSetup('EXPIRE_BOTH')
    const { sim } = setup
    await sim.placeOrder(limit('BUY', '99', '0.1', 'bid'))
    sim.world.thinBookNext('BTCUSDT', d('0'))
    const taken = await sim.placeOrder(market('SELL', '0.3', 'take'))
    expect([taken.status, taken.executedQty.toFixed(), taken.preventedQuantity?.toFixed()]).toEqual(['EXPIRED_IN_MATCH', '0', '0.3'])
    const bid = await status(setup, 'bid')
    expect([bid.status, bid.preventedQuantity?.toFixed()]).toEqual(['EXPIRED_IN_MATCH', '0.1'])
    expect(balanceOf(await sim.account(), 'USDT')).toBe('10000/0')
  })

  it('NONE: the orders trade with each other at the resting price, one fill each', async () => {
    const setup = stpSetup('NONE')
    const { sim } = setup
    await sim.placeOrder(limit('BUY', '99', '0.1', 'bid'))
    sim.world.thinBookNext('BTCUSDT', d('0'))
    const taken = await sim.placeOrder(market('SELL', '0.1', 'take'))
    expect([taken.status, (await status(setup, 'bid')).status]).toEqual(['FILLED', 'FILLED'])
    const trades = await sim.myTrades({ symbol: 'BTCUSDT' })
    expect(trades.map((trade) => `${trade.side} ${trade.quantity.toFixed()}@${trade.price.toFixed()} ${trade.isMaker ? 'maker' : 'taker'} ${trade.commission.toFixed()} ${trade.commissionAsset}`)).toEqual([
      'SELL 0.1@99 taker 0.0198 USDT',
      'BUY 0.1@99 maker 0.0001 BTC'
    ])
    const account = await sim.account()
    expect([balanceOf(account, 'USDT'), balanceOf(account, 'BTC')]).toEqual(['9999.9802/0', '0.9999/0'])
    expect(sim.faults.stats().selfTradesPrevented).toBe(0)
  })

  it('NONE: a MARKET BUY that would pay more than its free quote at our own ask takes what it can pay, and the rest ends', async () => {
    const setup = simSetup({ balances: { USDT: '20', BTC: '1' }, rules: simRules({ btc: { defaultSelfTradePreventionMode: 'NONE', allowedSelfTradePreventionModes: STP_MODES } }) })
    const { sim } = setup
    await sim.placeOrder(limit('SELL', '150', '0.2', 'ask'))
    sim.world.thinBookNext('BTCUSDT', d('0'))
    // 0.2 × 100 = 20 passes the funds check at the last price; at the ask it buys 20 / 150 → 0.13333 on the step
    const taken = await sim.placeOrder(market('BUY', '0.2', 'take'))
    expect([taken.status, taken.executedQty.toFixed()]).toEqual(['EXPIRED', '0.13333'])
    // Paid 19.9995 and received it back as the maker, less its 0.1 % fee
    expect([(await status(setup, 'ask')).status, balanceOf(await sim.account(), 'USDT')]).toEqual(['PARTIALLY_FILLED', '19.9800005/0'])
  })

  it('DECREMENT: the smaller remainder is prevented on both sides; the smaller order expires, the larger keeps working with less locked', async () => {
    const setup = stpSetup('DECREMENT')
    const { sim, events } = setup
    await sim.placeOrder(limit('BUY', '99', '0.3', 'bid'))
    sim.world.thinBookNext('BTCUSDT', d('0'))
    const taken = await sim.placeOrder(limit('SELL', '98', '0.1', 'take'))
    expect([taken.status, taken.preventedQuantity?.toFixed()]).toEqual(['EXPIRED_IN_MATCH', '0.1'])
    const bid = await status(setup, 'bid')
    expect([bid.status, bid.executedQty.toFixed(), bid.preventedQuantity?.toFixed()]).toEqual(['NEW', '0', '0.1'])
    await flush()
    expect(describeEvents(events).slice(2)).toEqual(['NEW take NEW', 'TRADE_PREVENTION bid NEW', 'TRADE_PREVENTION take EXPIRED_IN_MATCH', 'balances BTC,USDT'])
    expect(balanceOf(await sim.account(), 'USDT')).toBe('9980.2/19.8')
    // What is left of the bid still fills
    sim.trade('BTCUSDT', d('99'), d('1'))
    const after = await status(setup, 'bid')
    expect([after.status, after.executedQty.toFixed()]).toEqual(['FILLED', '0.2'])
  })

  it('an own order priced better than the last price stands in front of the touch: it is met first', async () => {
    const setup = stpSetup('EXPIRE_MAKER')
    const { sim } = setup
    await sim.placeOrder(limit('SELL', '101', '0.1', 'ask'))
    // The market gapped past the ask without trading it
    sim.jumpTo('BTCUSDT', d('102'))
    sim.world.thinBookNext('BTCUSDT', d('1'))
    const taken = await sim.placeOrder(limit('BUY', '103', '0.2', 'take'))
    expect([taken.status, taken.executedQty.toFixed(), taken.cumulativeQuoteQty.toFixed()]).toEqual(['FILLED', '0.2', '20.4'])
    expect((await status(setup, 'ask')).status).toBe('EXPIRED_IN_MATCH')
  })
})

describe('orders the exchange ends: EXPIRED with a reason', () => {
  it('a FOK the thin book cannot fill expires whole without a trade', async () => {
    const { sim } = stpSetup('EXPIRE_MAKER')
    sim.world.thinBookNext('BTCUSDT', d('0.1'))
    const report = await sim.placeOrder(fok('BUY', '101', '0.2', 'f'))
    expect([report.status, report.executedQty.toFixed(), report.expiryReason]).toEqual(['EXPIRED', '0', 'UNFILLED_FOK_ORDER_EXPIRED'])
    expect(await sim.myTrades({ symbol: 'BTCUSDT' })).toEqual([])
  })

  it('an IOC takes what the thin book has and its remainder expires', async () => {
    const { sim, events } = stpSetup('EXPIRE_MAKER')
    sim.world.thinBookNext('BTCUSDT', d('0.05'))
    const report = await sim.placeOrder(ioc('BUY', '101', '0.2', 'i'))
    expect([report.status, report.executedQty.toFixed(), report.expiryReason]).toEqual(['EXPIRED', '0.05', 'UNFILLED_IOC_QUANTITY_EXPIRED'])
    await flush()
    expect(describeEvents(events)).toEqual(['NEW i NEW', 'TRADE i PARTIALLY_FILLED 0.05@100 taker', 'EXPIRED i EXPIRED UNFILLED_IOC_QUANTITY_EXPIRED', 'balances USDT,BTC'])
  })

  it('a GTC LIMIT takes what the thin book has and rests with the rest', async () => {
    const { sim } = stpSetup('EXPIRE_MAKER')
    sim.world.thinBookNext('BTCUSDT', d('0.05'))
    const report = await sim.placeOrder(limit('BUY', '101', '0.2', 'g'))
    expect([report.status, report.executedQty.toFixed()]).toEqual(['PARTIALLY_FILLED', '0.05'])
    expect((await sim.openOrders('BTCUSDT')).map((order) => order.clientOrderId)).toEqual(['g'])
  })

  it('the exchange ends an open order by itself: EXPIRED, EXCHANGE_CANCELED, its funds unlocked', async () => {
    const { sim, events } = stpSetup('EXPIRE_MAKER')
    await sim.placeOrder(limit('BUY', '99', '0.1', 'b'))
    const report = sim.world.expireOrder({ symbol: 'BTCUSDT', clientOrderId: cid('b') })
    expect([report.status, report.expiryReason]).toEqual(['EXPIRED', 'EXCHANGE_CANCELED'])
    await flush()
    expect(describeEvents(events)).toEqual(['NEW b NEW', 'balances USDT', 'EXPIRED b EXPIRED EXCHANGE_CANCELED', 'balances USDT'])
    expect(balanceOf(await sim.account(), 'USDT')).toBe('10000/0')
    expect(sim.faults.stats().exchangeExpiries).toBe(1)
  })

  it('thin books at random: each MARKET order at rate 1 meets one, counted', async () => {
    const { sim } = simSetup({ faults: { thinBookRate: 1 }, seed: 5 })
    const reports = []
    for (let index = 0; index < 20; index += 1) reports.push(await sim.placeOrder(market('BUY', '0.1', `m${index}`)))
    expect(sim.faults.stats().thinBookTakes).toBe(20)
    // A thin book leaves some part unfilled each time (a random share below the whole)
    expect(reports.every((report) => report.status === 'EXPIRED' && report.expiryReason === 'INSUFFICIENT_LIQUIDITY')).toBe(true)
    expect(new Set(reports.map((report) => report.executedQty.toFixed())).size).toBeGreaterThan(5)
  })
})
