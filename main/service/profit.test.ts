import { Decimal } from '@shared/money/decimal'
import { describe, expect, it } from 'vitest'
import type { FillRecord } from '../engine/journal/journal-records'
import { splitProfit } from './profit'

function fill(side: 'BUY' | 'SELL', price: string, quantity: string, commission: string, commissionAsset: string, timeMs: number): FillRecord {
  return {
    symbol: 'BTCUSDT', tradeId: String(timeMs), orderId: String(timeMs), clientOrderId: `c${timeMs}`, botId: 'b1', side, price, quantity,
    quoteQuantity: new Decimal(price).mul(quantity).toFixed(), commission, commissionAsset, isMaker: true, timeMs, counterIntentId: null, hedgeNote: null
  }
}

const start = { quote: new Decimal('1000'), base: new Decimal('0'), startPrice: new Decimal('100') }

describe('splitProfit', () => {
  it('a completed round trip is grid profit after both fees; nothing floats', () => {
    // BUY 1 @ 100 paying 0.001 BTC fee; SELL 0.999 @ 110 paying 0.10989 USDT
    const fills = [fill('BUY', '100', '1', '0.001', 'BTC', 1), fill('SELL', '110', '0.999', '0.10989', 'USDT', 2)]
    const profit = splitProfit(start, fills, 'BTC', 'USDT', new Decimal('90'))
    // proceeds 109.89 − fee 0.10989 − cost 100 = 9.78011
    expect(profit.gridProfit).toBe('9.78011')
    expect(profit.floatingPnl).toBe('0')
    expect(profit.currentValue).toBe('1009.78011')
    expect(profit.startValue).toBe('1000')
  })

  it('inventory still held floats at the last price, and the sum equals the change in value', () => {
    const fills = [fill('BUY', '100', '1', '0.1', 'USDT', 1), fill('BUY', '90', '1', '0.09', 'USDT', 2), fill('SELL', '100', '1', '0.1', 'USDT', 3)]
    const profit = splitProfit(start, fills, 'BTC', 'USDT', new Decimal('80'))
    // average cost after two buys (100.1 + 90.09) / 2 = 95.095; the sell realises 100 − 0.1 − 95.095
    expect(profit.gridProfit).toBe('4.805')
    // 1 BTC left at cost 95.095, worth 80
    expect(profit.floatingPnl).toBe('-15.095')
    expect(new Decimal(profit.currentValue).sub(profit.startValue).toFixed()).toBe(new Decimal(profit.gridProfit).add(profit.floatingPnl).toFixed())
  })

  it('counts commissions paid in BNB at their recorded quote value: in the cost of a BUY, off the proceeds of a SELL, and off the value', () => {
    // BUY 1 @ 100 paying 0.0002 BNB worth 0.075 USDT; SELL 1 @ 110 paying 0.0002 BNB worth 0.0825 USDT
    const fills = [
      { ...fill('BUY', '100', '1', '0.0002', 'BNB', 1), commissionQuote: '0.075' },
      { ...fill('SELL', '110', '1', '0.0002', 'BNB', 2), commissionQuote: '0.0825' }
    ]
    const profit = splitProfit(start, fills, 'BTC', 'USDT', new Decimal('90'))
    // 110 − 0.0825 − (100 + 0.075)
    expect(profit.gridProfit).toBe('9.8425')
    expect(profit.floatingPnl).toBe('0')
    expect(profit.currentValue).toBe('1009.8425')
    expect(profit.unvaluedFees).toBeUndefined()
  })

  it('says which BNB commissions it could not value instead of counting them as nothing silently', () => {
    const fills = [fill('BUY', '100', '1', '0.0002', 'BNB', 1), { ...fill('BUY', '100', '1', '0.0003', 'BNB', 2), commissionQuote: null }]
    expect(splitProfit(start, fills, 'BTC', 'USDT', new Decimal('100')).unvaluedFees).toBe('0.0005 BNB')
  })

  it('starting base is valued, and costed, at the start price', () => {
    const profit = splitProfit({ quote: new Decimal('0'), base: new Decimal('2'), startPrice: new Decimal('100') }, [], 'BTC', 'USDT', new Decimal('105'))
    expect(profit).toEqual({ startValue: '200', currentValue: '210', gridProfit: '0', floatingPnl: '10' })
  })

  it('takes fills in time order whatever order they are given in', () => {
    const ordered = [fill('BUY', '100', '1', '0', 'USDT', 1), fill('SELL', '120', '1', '0', 'USDT', 2)]
    expect(splitProfit(start, [...ordered].reverse(), 'BTC', 'USDT', new Decimal('1'))).toEqual(splitProfit(start, ordered, 'BTC', 'USDT', new Decimal('1')))
    expect(splitProfit(start, ordered, 'BTC', 'USDT', new Decimal('1')).gridProfit).toBe('20')
  })
})
