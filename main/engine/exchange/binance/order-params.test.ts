import { Decimal } from '@shared/money/decimal'
import { describe, expect, it } from 'vitest'
import { clientOrderId } from '../port/identifiers'
import { newOrderParams, ocoListParams } from './order-params'

describe('order parameters', () => {
  it('sends exact decimal text, our client id and a FULL response for a LIMIT order', () => {
    expect(
      newOrderParams({ symbol: 'BTCUSDT', clientOrderId: clientOrderId('b1-L3-B-1'), side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: new Decimal('0.00012000'), price: new Decimal('60123.10') })
    ).toEqual({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', newClientOrderId: 'b1-L3-B-1', quantity: '0.00012', price: '60123.1', timeInForce: 'GTC', newOrderRespType: 'FULL' })
  })

  it('never sends a time in force with MARKET or LIMIT_MAKER, and sends quoteOrderQty and stopPrice as given', () => {
    expect(newOrderParams({ symbol: 'BTCUSDT', clientOrderId: clientOrderId('x1'), side: 'BUY', type: 'MARKET', timeInForce: 'GTC', quoteOrderQty: new Decimal('25.5') })).toEqual({
      symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', newClientOrderId: 'x1', quoteOrderQty: '25.5', newOrderRespType: 'FULL'
    })
    expect(newOrderParams({ symbol: 'BTCUSDT', clientOrderId: clientOrderId('x2'), side: 'SELL', type: 'LIMIT_MAKER', quantity: new Decimal('1'), price: new Decimal('1e-7') })).toMatchObject({ price: '0.0000001' })
    expect(newOrderParams({ symbol: 'BTCUSDT', clientOrderId: clientOrderId('x3'), side: 'SELL', type: 'STOP_LOSS_LIMIT', timeInForce: 'GTC', quantity: new Decimal('1'), price: new Decimal('89'), stopPrice: new Decimal('90') })).toMatchObject({ stopPrice: '90', timeInForce: 'GTC' })
  })

  it('sends an OCO with both legs’ ids and prices, GTC on a stop-limit leg, a RESULT response', () => {
    expect(
      ocoListParams({
        symbol: 'BTCUSDT',
        listClientOrderId: clientOrderId('b1-oco-1'),
        side: 'SELL',
        quantity: new Decimal('0.4'),
        above: { clientOrderId: clientOrderId('b1-oco-1-tp'), type: 'LIMIT_MAKER', price: new Decimal('110.00') },
        below: { clientOrderId: clientOrderId('b1-oco-1-sl'), type: 'STOP_LOSS_LIMIT', price: new Decimal('89'), stopPrice: new Decimal('90') }
      })
    ).toEqual({
      symbol: 'BTCUSDT', side: 'SELL', quantity: '0.4', listClientOrderId: 'b1-oco-1',
      aboveType: 'LIMIT_MAKER', aboveClientOrderId: 'b1-oco-1-tp', abovePrice: '110',
      belowType: 'STOP_LOSS_LIMIT', belowClientOrderId: 'b1-oco-1-sl', belowPrice: '89', belowStopPrice: '90', belowTimeInForce: 'GTC',
      newOrderRespType: 'RESULT'
    })
  })
})
