import { describe, expect, it } from 'vitest'
import type { NewOcoList } from '../port/new-order'
import type { SimExchange } from './sim-exchange'
import { balanceOf, cid, d, describeEvents, flush, leg, limit, sellOco, simRules, simSetup, stop } from './stubs'

async function balances(sim: SimExchange): Promise<string> {
  const account = await sim.account()
  return `USDT ${balanceOf(account, 'USDT')} BTC ${balanceOf(account, 'BTC')}`
}

async function status(sim: SimExchange, id: string): Promise<string> {
  const order = await sim.queryOrder({ symbol: 'BTCUSDT', clientOrderId: cid(id) })
  return `${order.status} ${order.executedQty.toFixed()}${order.expiryReason === undefined ? '' : ` ${order.expiryReason}`}`
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    const venue = error as { name: string; venueCode?: number; venueMessage?: string; message: string }
    return `${venue.venueCode} ${venue.venueMessage ?? venue.message}`
  }
  return 'accepted'
}

const buyOco: NewOcoList = {
  symbol: 'BTCUSDT',
  listClientOrderId: cid('boco'),
  side: 'BUY',
  quantity: d('0.5'),
  above: leg('STOP_LOSS_LIMIT', 'boco-sl', { stopPrice: '105', price: '106' }),
  below: leg('LIMIT_MAKER', 'boco-lm', { price: '95' })
}

describe('OCO placement', () => {
  it('locks the list quantity once and reports both legs and the list', async () => {
    const { sim, events } = simSetup()
    const report = await sim.placeOcoList(sellOco('0.5', '110', '95', '94'))
    expect(report).toMatchObject({ orderListId: '1', listClientOrderId: 'oco1', contingencyType: 'OCO', listStatusType: 'EXEC_STARTED', listOrderStatus: 'EXECUTING' })
    expect(report.orders.map((order) => `${order.clientOrderId} ${order.type} ${order.status} ${order.orderListId}`)).toEqual([
      'oco1-tp LIMIT_MAKER NEW 1',
      'oco1-sl STOP_LOSS_LIMIT NEW 1'
    ])
    expect(await balances(sim)).toBe('USDT 10000/0 BTC 0.5/0.5')
    expect((await sim.openOrderLists()).map((list) => list.listClientOrderId)).toEqual(['oco1'])
    expect(await sim.openOrders('BTCUSDT')).toHaveLength(2)
    await flush()
    expect(describeEvents(events)).toEqual(['NEW oco1-tp NEW', 'NEW oco1-sl NEW', 'list oco1 EXECUTING', 'balances BTC'])
  })

  it('locks a BUY list at the dearer leg’s price', async () => {
    const { sim } = simSetup()
    await sim.placeOcoList(buyOco)
    expect(await balances(sim)).toBe('USDT 9947/53 BTC 1/0')
  })

  it('refuses prices on the wrong side of the last price with -2010', async () => {
    const { sim } = simSetup()
    const wrong = '-2010 The relationship of the prices for the orders is not correct.'
    expect(await refusal(sim.placeOcoList(sellOco('0.5', '99', '95', '94')))).toBe(wrong)
    expect(await refusal(sim.placeOcoList(sellOco('0.5', '100', '95', '94')))).toBe(wrong)
    expect(await refusal(sim.placeOcoList(sellOco('0.5', '110', '101', '100')))).toBe(wrong)
    expect(await refusal(sim.placeOcoList({ ...buyOco, below: leg('LIMIT_MAKER', 'boco-lm', { price: '100.5' }) }))).toBe(wrong)
    expect(await refusal(sim.placeOcoList({ ...buyOco, above: leg('STOP_LOSS', 'boco-sl', { stopPrice: '99' }) }))).toBe(wrong)
    const takeProfitLimit = { ...sellOco('0.5', '110', '95', '94'), above: leg('TAKE_PROFIT_LIMIT', 'tp', { price: '110', stopPrice: '99' }) }
    expect(await refusal(sim.placeOcoList(takeProfitLimit))).toBe(wrong)
  })

  it('refuses OCO on a symbol without ocoAllowed', async () => {
    const { sim } = simSetup({ rules: simRules({ btc: { ocoAllowed: false } }) })
    expect(await refusal(sim.placeOcoList(sellOco('0.5', '110', '95', '94')))).toBe('-2010 OCO orders are not supported for this symbol')
  })

  it('refuses wrong leg types and wrong leg positions', async () => {
    const { sim } = simSetup()
    const base = sellOco('0.5', '110', '95', '94')
    expect(await refusal(sim.placeOcoList({ ...base, below: leg('TAKE_PROFIT_LIMIT', 'x', { price: '90', stopPrice: '90' }) }))).toBe(
      '-1158 Order type not supported in OCO.'
    )
    expect(await refusal(sim.placeOcoList({ ...base, above: base.below, below: base.above }))).toBe('-1197 A stop loss order in a sell OCO must be below.')
    expect(await refusal(sim.placeOcoList({ ...buyOco, above: buyOco.below, below: buyOco.above }))).toBe('-1196 A stop loss order in a buy OCO must be above.')
    expect(await refusal(sim.placeOcoList({ ...base, below: { ...base.below, timeInForce: undefined } }))).toBe(
      "-1102 Mandatory parameter 'belowTimeInForce' was not sent, was empty/null, or malformed."
    )
  })

  it('counts both legs against the open-order filters', async () => {
    const { sim } = simSetup()
    for (let index = 0; index < 4; index += 1) await sim.placeOrder(stop('STOP_LOSS', 'SELL', String(90 - index), '0.1', `s${index}`))
    expect(await refusal(sim.placeOcoList(sellOco('0.1', '110', '95', '94')))).toBe('accepted')
    expect(await refusal(sim.placeOcoList(sellOco('0.1', '111', '96', '95', 'oco2')))).toBe('-1013 Filter failure: MAX_NUM_ALGO_ORDERS')
  })

  it('refuses a list it cannot fund, and duplicate list or leg ids while open', async () => {
    const { sim } = simSetup()
    expect(await refusal(sim.placeOcoList(sellOco('1.5', '110', '95', '94')))).toBe('-2010 Account has insufficient balance for requested action.')
    await sim.placeOcoList(sellOco('0.2', '110', '95', '94'))
    expect(await refusal(sim.placeOcoList(sellOco('0.2', '111', '96', '95')))).toBe('-2010 Duplicate order sent.')
    await sim.placeOrder(limit('BUY', '99', '0.1', 'taken'))
    const clash = { ...sellOco('0.2', '111', '96', '95', 'oco2'), above: leg('LIMIT_MAKER', 'taken', { price: '111' }) }
    expect(await refusal(sim.placeOcoList(clash))).toBe('-2010 Duplicate order sent.')
    await sim.cancelOrderList('BTCUSDT', 'oco1')
    expect(await refusal(sim.placeOcoList(sellOco('0.2', '111', '96', '95')))).toBe('accepted')
  })
})

describe('OCO lifecycle', () => {
  it('expires the stop leg when the limit leg fills even partly, and the list is done', async () => {
    const { sim, events } = simSetup()
    await sim.placeOcoList(sellOco('0.5', '110', '95', '94'))
    await flush()
    events.length = 0
    sim.trade('BTCUSDT', d('110'), d('0.2'))
    expect([await status(sim, 'oco1-tp'), await status(sim, 'oco1-sl')]).toEqual(['PARTIALLY_FILLED 0.2', 'EXPIRED 0 OCO_TRIGGER'])
    expect(await balances(sim)).toBe('USDT 10021.978/0 BTC 0.5/0.3')
    expect(await sim.openOrderLists()).toEqual([])
    expect((await sim.openOrders('BTCUSDT')).map((order) => order.clientOrderId)).toEqual(['oco1-tp'])
    await flush()
    expect(describeEvents(events)).toEqual([
      'TRADE oco1-tp PARTIALLY_FILLED 0.2@110 maker',
      'EXPIRED oco1-sl EXPIRED OCO_TRIGGER',
      'list oco1 ALL_DONE',
      'balances BTC,USDT'
    ])
    sim.trade('BTCUSDT', d('95'), d('1'))
    sim.trade('BTCUSDT', d('110'), d('1'))
    expect(await status(sim, 'oco1-tp')).toBe('FILLED 0.5')
    expect(await balances(sim)).toBe('USDT 10054.945/0 BTC 0.5/0')
  })

  it('expires the limit leg when the stop leg triggers, then works the stop', async () => {
    const { sim, events } = simSetup()
    await sim.placeOcoList(sellOco('0.5', '110', '95', '94'))
    await flush()
    events.length = 0
    sim.trade('BTCUSDT', d('95'), d('0'))
    expect([await status(sim, 'oco1-tp'), await status(sim, 'oco1-sl')]).toEqual(['EXPIRED 0 OCO_TRIGGER', 'FILLED 0.5'])
    expect(await balances(sim)).toBe('USDT 10047.405/0 BTC 0.5/0')
    await flush()
    expect(describeEvents(events)).toEqual(['EXPIRED oco1-tp EXPIRED OCO_TRIGGER', 'list oco1 ALL_DONE', 'TRADE oco1-sl FILLED 0.5@95 taker', 'balances BTC,USDT'])
  })

  it('returns the lock a BUY list no longer needs once its cheaper leg is the one left', async () => {
    const { sim } = simSetup()
    await sim.placeOcoList(buyOco)
    sim.trade('BTCUSDT', d('95'), d('0.2'))
    expect([await status(sim, 'boco-lm'), await status(sim, 'boco-sl')]).toEqual(['PARTIALLY_FILLED 0.2', 'EXPIRED 0 OCO_TRIGGER'])
    expect(await balances(sim)).toBe('USDT 9952.5/28.5 BTC 1.1998/0')
    sim.trade('BTCUSDT', d('94'), d('1'))
    expect(await balances(sim)).toBe('USDT 9952.5/0 BTC 1.4995/0')
  })

  it('cancels the whole list by its id, returning the lock once', async () => {
    const { sim, events } = simSetup()
    await sim.placeOcoList(sellOco('0.5', '110', '95', '94'))
    await flush()
    events.length = 0
    const report = await sim.cancelOrderList('BTCUSDT', 'oco1')
    expect([report.listStatusType, report.listOrderStatus, ...report.orders.map((order) => order.status)]).toEqual(['ALL_DONE', 'ALL_DONE', 'CANCELED', 'CANCELED'])
    expect(await balances(sim)).toBe('USDT 10000/0 BTC 1/0')
    await flush()
    expect(describeEvents(events)).toEqual(['CANCELED oco1-tp CANCELED', 'CANCELED oco1-sl CANCELED', 'list oco1 ALL_DONE', 'balances BTC'])
    expect(await refusal(sim.cancelOrderList('BTCUSDT', 'oco1'))).toBe('-2011 Unknown order sent.')
  })

  it('cancels the whole list when one leg is cancelled', async () => {
    const { sim } = simSetup()
    await sim.placeOcoList(sellOco('0.5', '110', '95', '94'))
    const report = await sim.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: cid('oco1-sl') })
    expect(report.status).toBe('CANCELED')
    expect(await status(sim, 'oco1-tp')).toBe('CANCELED 0')
    expect(await sim.openOrderLists()).toEqual([])
    expect(await balances(sim)).toBe('USDT 10000/0 BTC 1/0')
  })

  it('cancels only the leg left working once the list is done', async () => {
    const { sim } = simSetup()
    await sim.placeOcoList(sellOco('0.5', '110', '95', '94'))
    sim.trade('BTCUSDT', d('110'), d('0.2'))
    await sim.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: cid('oco1-tp') })
    expect(await status(sim, 'oco1-tp')).toBe('CANCELED 0.2')
    expect(await balances(sim)).toBe('USDT 10021.978/0 BTC 0.8/0')
  })

  it('cancels lists with every other open order of the symbol', async () => {
    const { sim } = simSetup()
    await sim.placeOcoList(sellOco('0.5', '110', '95', '94'))
    await sim.placeOrder(limit('BUY', '99', '0.1', 'b1'))
    const cancelled = await sim.cancelAllOrders('BTCUSDT')
    expect(cancelled.map((order) => `${order.clientOrderId} ${order.status}`)).toEqual(['oco1-tp CANCELED', 'oco1-sl CANCELED', 'b1 CANCELED'])
    expect(await sim.openOrderLists()).toEqual([])
    expect(await balances(sim)).toBe('USDT 10000/0 BTC 1/0')
  })
})
