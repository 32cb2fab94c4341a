import { afterEach, describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { clientOrderId } from '../../main/engine/exchange/port/identifiers'
import { auditWorld, type AuditWorld } from './audit-world'

const worlds: AuditWorld[] = []
afterEach(() => {
  for (const created of worlds.splice(0)) created.dispose()
})

describe('the auditor on client order ids', () => {
  it('finds a client order id used again once its first order was cancelled', async () => {
    const t = await auditWorld()
    worlds.push(t)
    const order = { symbol: 'BTCUSDT', clientOrderId: clientOrderId('by-hand-7'), side: 'BUY' as const, type: 'LIMIT' as const, price: new Decimal('50000'), quantity: new Decimal('0.001'), timeInForce: 'GTC' as const }
    await t.world.exchange.placeOrder(order)
    await t.world.exchange.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: order.clientOrderId })
    // Binance takes an id again once no open order has it
    await t.world.exchange.placeOrder(order)
    await t.world.quiesce()
    expect(await t.audit()).toEqual([expect.stringMatching(/^client order id by-hand-7 was used by 2 orders: BTCUSDT #\d+ BUY CANCELED, BTCUSDT #\d+ BUY NEW$/)])
  })
})
