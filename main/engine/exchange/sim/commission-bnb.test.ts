import { describe, expect, it } from 'vitest'
import { TestClock } from '../../clock/test-clock'
import { parseExchangeInfo } from '../rules'
import { BTCUSDT_FILTERS, rawSymbol } from '../rules/stubs'
import { SimExchange } from './sim-exchange'
import { balanceOf, d, limit, market, simSetup, T0 } from './stubs'

describe('commission in BNB', () => {
  it('with BNB burn on, pays quote value × rate × (1 − 25 %) in BNB at BNB’s price, and the account receives the whole fill', async () => {
    const { sim } = simSetup({ balances: { USDT: '10000', BTC: '1', BNB: '1' }, commission: { bnbBurn: true, bnbPrices: { USDT: '500' } } })
    await sim.placeOrder(limit('BUY', '99', '0.1', 'b'))
    await sim.placeOrder(limit('SELL', '101', '0.1', 's'))
    sim.trade('BTCUSDT', d('99'), d('1'))
    sim.trade('BTCUSDT', d('101'), d('1'))
    const trades = await sim.myTrades({ symbol: 'BTCUSDT' })
    // 9.9 × 0.001 × 0.75 / 500 and 10.1 × 0.001 × 0.75 / 500
    expect(trades.map((trade) => `${trade.side} ${trade.commission.toFixed()} ${trade.commissionAsset}`)).toEqual(['BUY 0.00001485 BNB', 'SELL 0.00001515 BNB'])
    const account = await sim.account()
    expect([balanceOf(account, 'USDT'), balanceOf(account, 'BTC'), balanceOf(account, 'BNB')]).toEqual(['10000.2/0', '1/0', '0.99997/0'])
    expect(sim.faults.stats().commissionInBnb).toBe(2)
  })

  it('takes BNB’s price from the BNB<quote> symbol when it trades on the simulator', async () => {
    const rules = parseExchangeInfo({
      symbols: [rawSymbol(BTCUSDT_FILTERS, { symbol: 'BTCUSDT', baseAsset: 'BTC' }), rawSymbol(BTCUSDT_FILTERS, { symbol: 'BNBUSDT', baseAsset: 'BNB' })]
    })
    const sim = new SimExchange({
      rules,
      clock: new TestClock(T0),
      balances: { USDT: '1000', BNB: '1' },
      makerFee: d('0.001'),
      takerFee: d('0.002'),
      prices: { BTCUSDT: '100', BNBUSDT: '600' },
      commission: { bnbBurn: true, bnbDiscount: '0.25' }
    })
    const report = await sim.placeOrder(market('BUY', '0.3', 'm'))
    // 30 × 0.002 × 0.75 / 600
    expect(report.fills?.map((fill) => `${fill.commission.toFixed()} ${fill.commissionAsset}`) ?? (await sim.myTrades({ symbol: 'BTCUSDT' })).map((fill) => `${fill.commission.toFixed()} ${fill.commissionAsset}`)).toEqual(['0.000075 BNB'])
    expect(balanceOf(await sim.account(), 'BTC')).toBe('0.3/0')
  })

  it('pays in the received asset when the account holds too little BNB, or none', async () => {
    const { sim } = simSetup({ balances: { USDT: '10000', BTC: '1', BNB: '0.00001' }, commission: { bnbBurn: true, bnbPrices: { USDT: '500' } } })
    await sim.placeOrder(market('BUY', '0.1', 'm'))
    await sim.placeOrder(market('SELL', '0.1', 's'))
    const trades = await sim.myTrades({ symbol: 'BTCUSDT' })
    expect(trades.map((trade) => `${trade.side} ${trade.commission.toFixed()} ${trade.commissionAsset}`)).toEqual(['BUY 0.0002 BTC', 'SELL 0.02 USDT'])
    expect(balanceOf(await sim.account(), 'BNB')).toBe('0.00001/0')
  })

  it('mixes BNB and the received asset at random per fill, each BNB fill counted', async () => {
    const { sim } = simSetup({ balances: { USDT: '10000', BTC: '1', BNB: '10' }, commission: { bnbPrices: { USDT: '500' } }, faults: { bnbCommissionRate: 0.5 }, seed: 8 })
    for (let index = 0; index < 40; index += 1) await sim.placeOrder(market(index % 2 === 0 ? 'BUY' : 'SELL', '0.06', `m${index}`))
    const trades = await sim.myTrades({ symbol: 'BTCUSDT' })
    const inBnb = trades.filter((trade) => trade.commissionAsset === 'BNB').length
    expect(inBnb).toBe(sim.faults.stats().commissionInBnb)
    expect(inBnb).toBeGreaterThan(10)
    expect(inBnb).toBeLessThan(30)
    expect(new Set(trades.map((trade) => trade.commissionAsset))).toEqual(new Set(['BNB', 'BTC', 'USDT']))
  })
})
