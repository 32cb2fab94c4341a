import { describe, expect, it } from 'vitest'
import trades from './fixtures/trades.json'
import { parseFill } from './parse-fill'

describe('parseFill', () => {
  it('reads myTrades rows: side from isBuyer, maker flag, exact amounts, and no client order id (Binance’s history has none)', () => {
    const fills = trades.myTrades.map(parseFill)
    expect(fills.map((fill) => [fill.tradeId, fill.orderId, fill.side, fill.price.toFixed(), fill.quantity.toFixed(), fill.quoteQuantity.toFixed(), fill.commission.toFixed(), fill.commissionAsset, fill.isMaker, fill.timeMs])).toEqual([
      ['1', '2', 'SELL', '100', '0.1', '10', '0.01', 'USDT', false, 1795893074785],
      ['2', '1', 'BUY', '99', '0.2', '19.8', '0.0002', 'BTC', true, 1795893074793]
    ])
    for (const fill of fills) expect('clientOrderId' in fill).toBe(false)
  })

  it('refuses a row without its commission', () => {
    expect(() => parseFill(trades.missingCommission)).toThrow(expect.objectContaining({ name: 'BinancePayloadError', message: 'trade.commission must be a decimal, got nothing' }))
  })
})
