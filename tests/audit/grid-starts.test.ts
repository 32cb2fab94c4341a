import { afterEach, describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { auditWorld, type AuditWorld } from './audit-world'

const worlds: AuditWorld[] = []
afterEach(() => {
  for (const created of worlds.splice(0)) created.dispose()
})

describe('the auditor on re-plans', () => {
  it('finds a recenter that laid out the new grid without cancelling the old one', async () => {
    const t = await auditWorld()
    worlds.push(t)
    await t.world.trade('66500')
    // Quote enough for the new grid to be laid out beside the old one
    t.topUp('b1', '2000')
    // The re-plan's cancel of every order does nothing
    Object.assign((t.engine.bot as unknown as { replanner: { deps: object } }).replanner.deps, { cancelEveryOrder: async () => ({ cancelled: [], remaining: [] }) })
    expect(await t.world.run(t.engine.bot.recenterNow())).toBe(true)
    expect(await t.audit()).toEqual(expect.arrayContaining([expect.stringMatching(/^b1: order gk-b1-\d+B-\d+ of grid 0 \(BUY @ \d+\) was still NEW when grid 1 placed its first order at [\d:TZ.-]+: a re-plan must cancel the old grid first$/)]))
  })
})

describe('the auditor on the journal’s claims of re-plans', () => {
  it('finds a new grid the journal claims no recenter or grid change for', async () => {
    const t = await auditWorld()
    worlds.push(t)
    await t.world.trade('66500')
    t.topUp('b1', '2000')
    // The re-plan runs, but nothing records why
    type Replanner = { replan(price: Decimal, lower: Decimal, upper: Decimal, why: string, funding: 'value' | 'holdings'): Promise<boolean> }
    const replanner = (t.engine.bot as unknown as { replanner: Replanner }).replanner
    expect(await t.world.run(replanner.replan(new Decimal('66500'), new Decimal('61500'), new Decimal('71500'), 'moved by a bug', 'holdings'))).toBe(true)
    expect(await t.audit()).toEqual([expect.stringMatching(/^b1: grid 1 was laid out at [\d:TZ.-]+, but the journal claims no recenter or grid change for it$/)])
  })

  it('finds a recenter claimed to a range the grid does not have', async () => {
    const t = await auditWorld()
    worlds.push(t)
    await t.world.trade('66500')
    t.topUp('b1', '2000')
    expect(await t.world.run(t.engine.bot.recenterNow())).toBe(true)
    expect(await t.audit()).toEqual([])
    t.engine.journal.appendBotEvent({ botId: 'b1', type: 'Recentered', level: null, message: 'recentered', detailsJson: JSON.stringify({ from: '61500-71500', to: '70000-80000' }), atMs: t.world.clock.nowMs() })
    expect(await t.audit()).toEqual([expect.stringMatching(/^b1: the journal claims a recenter to 70000-80000 at [\d:TZ.-]+, but grid 1 runs from 61500 to 71500$/)])
  })
})
