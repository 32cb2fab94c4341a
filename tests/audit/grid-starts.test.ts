import { afterEach, describe, expect, it } from 'vitest'
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
    Object.assign(t.engine.bot as unknown as object, { cancelEveryOrder: async () => ({ cancelled: [], remaining: [] }) })
    expect(await t.world.run(t.engine.bot.recenterNow())).toBe(true)
    expect(await t.audit()).toEqual(expect.arrayContaining([expect.stringMatching(/^b1: order gk-b1-\d+B-\d+ of grid 0 \(BUY @ \d+\) was still NEW when grid 1 placed its first order at [\d:TZ.-]+: a re-plan must cancel the old grid first$/)]))
  })
})
