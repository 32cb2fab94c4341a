import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SimWorld } from './harness'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

// The ten-grid bot starts at 60,000: a trade at 58,990 fills level 4's BUY (its counter SELL goes to level 5),
// one at 57,990 fills level 3's BUY (its counter SELL goes to level 4). In EMERGENCY SELLs still hedge.
describe('an EMERGENCY with more than one counter-order the exchange refused', () => {
  it('has an incident naming each refused counter-order, not only the first', async () => {
    const folder = mkdtempSync(join(process.cwd(), '.tmp', 'emergency-'))
    folders.push(folder)
    const sim = new SimWorld(join(folder, 'journal.sqlite'))
    const { bot, journal } = await sim.boot()
    sim.exchange.faults.rejectNextPlacement(-2010, 'This action is disabled on this account.')
    await sim.trade('58990')
    expect(bot.record().status).toBe('emergency')
    sim.exchange.faults.rejectNextPlacement(-2010, 'This action is disabled on this account.')
    await sim.trade('57990')
    const refused = journal.listIntents('b1', ['rejected']).map((intent) => intent.intentId)
    expect(refused).toHaveLength(2)
    const named = journal.listIncidents({ openOnly: true, botId: 'b1' }).map((incident) => (JSON.parse(incident.detailsJson) as { intentId?: string }).intentId)
    expect(named.sort()).toEqual([...refused].sort())
  })
})
