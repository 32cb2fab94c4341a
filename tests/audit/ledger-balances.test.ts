import { afterEach, describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { clientOrderId } from '../../main/engine/exchange/port/identifiers'
import { auditWorld, type AuditWorld } from './audit-world'

const worlds: AuditWorld[] = []
async function world(): Promise<AuditWorld> {
  const created = await auditWorld()
  worlds.push(created)
  await created.world.trade('58990')
  return created
}
afterEach(() => {
  for (const created of worlds.splice(0)) created.dispose()
})

describe('the auditor on funds', () => {
  it('finds a bot share the ledger books a few units off its trades on the exchange', async () => {
    const t = await world()
    t.engine.engine.ledger.addToBot('b1', 'USDT', new Decimal('0.01'))
    expect(await t.audit()).toEqual([expect.stringMatching(/^b1: the ledger gives it [\d.]+ USDT, but its allocation and its trades on the exchange make [\d.]+$/)])
  })

  it("finds the ledger's view of the account's balance off the exchange's, without reloading it first", async () => {
    const t = await world()
    const usdt = (await t.world.exchange.account()).balances.get('USDT')
    t.engine.engine.ledger.observeBalances([{ asset: 'USDT', free: (usdt?.free ?? new Decimal(0)).add('1'), locked: usdt?.locked ?? new Decimal(0) }], t.engine.engine.tracker.nextSeq())
    expect(await t.audit()).toEqual([expect.stringMatching(/^USDT: the ledger books [\d.]+ free \/ [\d.]+ locked, the exchange holds [\d.]+ \/ [\d.]+$/)])
  })

  it('finds funds the ledger locks for an order the exchange does not hold', async () => {
    const t = await world()
    t.engine.engine.ledger.setOrderLock('gk-b1-9S-99', 'b1', 'BTC', new Decimal('0.001'))
    expect(await t.audit()).toEqual([expect.stringMatching(/^b1: the ledger locks [\d.]+ BTC for its open orders, which hold [\d.]+ on the exchange$/)])
  })

  it('finds balances that the starting ones and the trades on the exchange do not explain', async () => {
    const t = await world()
    expect(await t.audit({ startingBalances: { USDT: '10001', BTC: '0' } })).toEqual([expect.stringMatching(/^USDT: the exchange holds [\d.]+, but the starting balance and every trade on the exchange make [\d.]+$/)])
  })

  it("counts the trades of another tool on the same account (and they are no bot's)", async () => {
    const t = await world()
    await t.world.exchange.placeOrder({ symbol: 'BTCUSDT', clientOrderId: clientOrderId('by-hand-1'), side: 'BUY', type: 'LIMIT', price: new Decimal('57500'), quantity: new Decimal('0.001'), timeInForce: 'GTC' })
    await t.world.trade('57490')
    await t.world.quiesce()
    expect((await t.world.exchange.myTrades({ symbol: 'BTCUSDT' })).some((trade) => trade.price.eq('57500'))).toBe(true)
    expect(await t.audit()).toEqual([])
  })
})
