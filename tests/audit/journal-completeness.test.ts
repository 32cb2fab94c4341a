import { afterEach, describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { clientOrderId } from '../../main/engine/exchange/port/identifiers'
import { auditWorld, type AuditWorld } from './audit-world'

const worlds: AuditWorld[] = []
async function world(): Promise<AuditWorld> {
  const created = await auditWorld()
  worlds.push(created)
  return created
}
afterEach(() => {
  for (const created of worlds.splice(0)) created.dispose()
})

describe('the auditor on the journal', () => {
  it('finds a trade the journal never recorded (its events were lost and nothing asked the exchange)', async () => {
    const t = await world()
    t.world.exchange.silenceStream()
    await t.world.trade('58990')
    expect(await t.audit()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^b1: trade \d+ \(BUY 0\.00172 @ 59000 of gk-b1-4B-1\) is on the exchange but not in the journal$/),
        expect.stringMatching(/^b1: intent gk-b1-4B-1 \(BUY 0\.00172 placed\): the journal holds it open, the exchange shows it FILLED$/)
      ])
    )
  })

  it('finds a fill in the journal that is no trade on the exchange', async () => {
    const t = await world()
    t.engine.journal.recordFill({
      symbol: 'BTCUSDT', tradeId: '999999', orderId: '999999', clientOrderId: 'gk-b1-2B-1', botId: 'b1', side: 'BUY', price: '57000', quantity: '0.001',
      quoteQuantity: '57', commission: '0.000001', commissionAsset: 'BTC', isMaker: true, timeMs: t.world.clock.nowMs(), counterIntentId: null, hedgeNote: 'none:test'
    })
    expect(await t.audit()).toEqual(['b1: fill 999999 (BUY 0.001 @ 57000 of gk-b1-2B-1) is in the journal but not a trade of the bot on the exchange'])
  })

  it('finds an open order of the bot that the journal does not know', async () => {
    const t = await world()
    await t.world.exchange.placeOrder({ symbol: 'BTCUSDT', clientOrderId: clientOrderId('gk-b1-0B-77'), side: 'BUY', type: 'LIMIT', price: new Decimal('50000'), quantity: new Decimal('0.0002'), timeInForce: 'GTC' })
    await t.world.quiesce()
    expect(await t.audit()).toEqual(expect.arrayContaining(['b1: order gk-b1-0B-77 (BUY 0.0002 @ 50000, NEW) is on the exchange but the journal has no intent for it']))
  })

  it('finds an order the journal holds open after the exchange cancelled it', async () => {
    const t = await world()
    t.world.exchange.silenceStream()
    await t.world.exchange.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: clientOrderId('gk-b1-0B-1') })
    await t.world.quiesce()
    expect(await t.audit()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^b1: intent gk-b1-0B-1 \(BUY [\d.]+ placed\): the journal holds it open, the exchange shows it CANCELED$/),
        expect.stringMatching(/^b1: gap 0–1 \(BUY@0 \/ SELL@1\) owes [\d.]+ .* unanswered; no trades in this gap$/)
      ])
    )
  })
})
