import { afterEach, describe, expect, it } from 'vitest'
import { auditWorld, type AuditWorld } from './audit-world'
import { writeIntent } from './plant'

const worlds: AuditWorld[] = []
afterEach(() => {
  for (const created of worlds.splice(0)) created.dispose()
})

describe('the auditor on the base a bot holds', () => {
  it('finds base bought beyond what the grid and its acquisition allow', async () => {
    const t = await auditWorld()
    worlds.push(t)
    t.topUp('b1', '200')
    const id = writeIntent(t.engine, t.world.clock.nowMs(), { purpose: 'manual', tag: { kind: 'manual' }, side: 'BUY', type: 'MARKET', price: null, quantity: '0.001' })
    expect((await t.world.run(t.engine.engine.gateway.execute(id))).kind).toBe('placed')
    await t.world.quiesce()
    expect(await t.audit()).toEqual([expect.stringMatching(/^b1: at [\d:TZ.-]+ it held [\d.]+ BTC, more than its allocation, acquisitions, rebalances and grid trades allow \([\d.]+\); trade \d+ BUY 0\.001 of gk-b1-M-1$/)])
  })

  it('finds an acquisition made after the grid was laid out', async () => {
    const t = await auditWorld()
    worlds.push(t)
    t.topUp('b1', '200')
    const id = writeIntent(t.engine, t.world.clock.nowMs(), { purpose: 'acquire', tag: { kind: 'acquire' }, side: 'BUY', type: 'MARKET', price: null, quantity: '0.001' })
    expect((await t.world.run(t.engine.engine.gateway.execute(id))).kind).toBe('placed')
    await t.world.quiesce()
    expect(await t.audit()).toEqual([expect.stringMatching(/^b1: acquisition gk-b1-A-2 \(BUY 0\.001 BTC\) came after the last plan was laid out/)])
  })

  it('finds a grid that bought more than its plan lets it, through a BUY placed twice', async () => {
    const t = await auditWorld()
    worlds.push(t)
    t.topUp('b1', '200')
    const id = writeIntent(t.engine, t.world.clock.nowMs(), { purpose: 'counter', tag: { kind: 'level', level: 4, side: 'BUY' }, side: 'BUY', type: 'LIMIT', price: '59000', quantity: '0.00172' })
    expect((await t.world.run(t.engine.engine.gateway.execute(id))).kind).toBe('placed')
    await t.world.trade('58990')
    expect(await t.audit()).toEqual(expect.arrayContaining([expect.stringMatching(/^b1: BUYs on levels 4–10 hold 0\.00172 more than their plan and trades owe/), expect.stringMatching(/^b1: grid 0 at [\d:TZ.-]+: 0\.01062 was open on BUYs, but its plan \(0\.0089\) and trades \(sold 0, bought 0\) left the BUY side 0\.0089$/)]))
  })
})
