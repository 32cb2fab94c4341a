import { afterEach, describe, expect, it } from 'vitest'
import { auditWorld, type AuditWorld } from './audit-world'

const worlds: AuditWorld[] = []
afterEach(() => {
  for (const created of worlds.splice(0)) created.dispose()
})

describe("the auditor on a bot's status", () => {
  it('finds orders left open on the exchange by an EMERGENCY STOP that said it stopped', async () => {
    const t = await auditWorld()
    worlds.push(t)
    // The stop's cancel of every order does nothing, and says nothing is left
    Object.assign((t.engine.bot as unknown as { shared: object }).shared, { cancelEveryOrder: async () => ({ cancelled: [], remaining: [] }) })
    await t.world.run(t.engine.bot.emergencyStop({ sellBase: false }))
    expect(await t.audit()).toEqual([expect.stringMatching(/^b1: the bot is stopped \(EMERGENCY STOP pressed \(cancel all\)\), but the exchange shows 10 of its orders open: gk-b1-0B-1, /)])
  })

  it('finds a bot in EMERGENCY with no incident open', async () => {
    const t = await auditWorld()
    worlds.push(t)
    t.engine.journal.saveBot({ ...t.engine.bot.record(), status: 'emergency' })
    expect(await t.audit()).toEqual(['b1: the bot is in EMERGENCY, but no incident of it is open'])
  })
})
