import { afterEach, describe, expect, it } from 'vitest'
import { auditWorld, type AuditWorld } from './audit-world'
import { writeIntent } from './plant'

const worlds: AuditWorld[] = []
afterEach(() => {
  for (const created of worlds.splice(0)) created.dispose()
})

/** Places, through the gateway, a second BUY on level 2, which already holds the grid's BUY of 0.00178 at 57,000. */
async function secondBuyOnLevel2(): Promise<{ readonly t: AuditWorld; readonly id: string }> {
  const t = await auditWorld()
  worlds.push(t)
  t.topUp('b1', '200')
  const id = writeIntent(t.engine, t.world.clock.nowMs(), { purpose: 'counter', tag: { kind: 'level', level: 2, side: 'BUY' }, side: 'BUY', type: 'LIMIT', price: '57000', quantity: '0.001' })
  expect((await t.world.run(t.engine.engine.gateway.execute(id))).kind).toBe('placed')
  return { t, id }
}

describe('the auditor on one order per level', () => {
  it('finds two live orders on one level', async () => {
    const { t } = await secondBuyOnLevel2()
    expect(await t.audit()).toEqual(expect.arrayContaining([expect.stringMatching(/^b1: level 2 holds 2 live orders now: gk-b1-2B-1 BUY 0\.00178 @ 57000 NEW, gk-b1-2B-2 BUY 0\.001 @ 57000 NEW$/)]))
  })

  it('finds a level that held two live orders for a while, after one of them is gone', async () => {
    const { t, id } = await secondBuyOnLevel2()
    await t.world.quiesce(4)
    expect((await t.world.run(t.engine.engine.gateway.cancel(id))).kind).toBe('closed')
    expect((await t.world.exchange.openOrders('BTCUSDT')).length).toBe(10)
    expect(await t.audit()).toEqual([
      expect.stringMatching(/^b1: level 2 held two live orders at [\d:TZ.-]+: gk-b1-2B-1 BUY 0\.00178 @ 57000 NEW \(until now\) and gk-b1-2B-2 BUY 0\.001 @ 57000 CANCELED$/),
      expect.stringMatching(/^b1: grid 0 at [\d:TZ.-]+: gap 2–3 had 0\.00278 open \(gk-b1-2B-1, gk-b1-2B-2\) but carries a unit of 0\.00178$/),
      expect.stringMatching(/^b1: grid 0 at [\d:TZ.-]+: 0\.0099 was open on BUYs, but its plan \(0\.0089\)/)
    ])
  })
})
