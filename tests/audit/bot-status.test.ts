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

  it("finds a bot stored as failed whose orders are still open on the exchange", async () => {
    const t = await auditWorld()
    worlds.push(t)
    // A failed start that says so, but never cancelled the grid it had placed
    const now = t.world.clock.nowMs()
    t.engine.journal.saveBot({ ...t.engine.bot.record(), status: 'failed' })
    t.engine.journal.openIncident({ incidentId: 'start-1', botId: 'b1', kind: 'start', severity: 'critical', message: 'the bot did not start', detailsJson: '{}', openedAtMs: now, resolvedAtMs: null })
    expect(await t.audit()).toEqual([expect.stringMatching(/^b1: the bot's start failed, but the exchange shows 10 of its orders open: gk-b1-0B-1, /)])
  })

  it('finds a bot whose start failed with no incident saying why', async () => {
    const t = await auditWorld()
    worlds.push(t)
    // The start fails as the engine fails it, but the incident saying why is gone
    await t.world.run((t.engine.bot as unknown as { starter: { fail(reason: string): Promise<void> } }).starter.fail('its base was bought short'))
    for (const incident of t.engine.journal.listIncidents({ openOnly: true })) t.engine.journal.resolveIncident(incident.incidentId, t.world.clock.nowMs())
    expect(await t.audit()).toEqual(["b1: the bot's start failed, but no incident of it is open"])
  })
})
