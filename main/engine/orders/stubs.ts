import { Decimal } from '@shared/money/decimal'
import { clientOrderId, tradeId, venueOrderId } from '../exchange/port/identifiers'
import type { OrderCommand } from './order'
import type { OrderFilled } from './order-event'

/** An order command for tests: BUY 1 TESTUSDT at 100 unless overridden. */
export function orderCommand(overrides: Partial<OrderCommand> = {}): OrderCommand {
  return {
    clientOrderId: clientOrderId('gk-1-L3B-1'),
    botId: '1',
    symbol: 'TESTUSDT',
    side: 'BUY',
    type: 'LIMIT',
    quantity: new Decimal('1'),
    price: new Decimal('100'),
    ...overrides
  }
}

/** A fill event for tests. */
export function filled(trade: string, quantity: string, overrides: Partial<OrderFilled> = {}): OrderFilled {
  return {
    type: 'OrderFilled',
    tradeId: tradeId(trade),
    venueOrderId: venueOrderId('1000'),
    price: new Decimal('100'),
    quantity: new Decimal(quantity),
    commission: new Decimal('0'),
    commissionAsset: 'TEST',
    isMaker: true,
    atMs: 1,
    ...overrides
  }
}
