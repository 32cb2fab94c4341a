import { afterEach, describe, expect, it } from 'vitest'
import { auditWorld, type AuditWorld } from './audit-world'
import { plantInTrader } from './plant'

const worlds: AuditWorld[] = []
afterEach(() => {
  for (const created of worlds.splice(0)) created.dispose()
})

describe('the auditor on dust', () => {
  it('finds a counter-order carried whole as dust instead of placed', async () => {
    const t = await auditWorld()
    worlds.push(t)
    const { journal } = t.engine
    plantInTrader(t.engine.bot, 'onFill', (fill, intent) => intent.purpose === 'grid' && fill.side === 'BUY', (_real, fill) => {
      // The counter's whole quantity, net of the fee, is written to the level as carried dust
      const level = journal.listLevels('b1').find((record) => record.level === 5)
      const state = JSON.parse(level?.stateJson ?? '{}') as Record<string, unknown>
      journal.saveLevel({ botId: 'b1', level: 5, stateJson: JSON.stringify({ ...state, dustSell: '0.00171828' }), updatedAtMs: fill.timeMs })
      journal.setFillHedgeNote(fill.symbol, fill.tradeId, 'dust:5')
    })
    await t.world.trade('58990')
    expect(await t.audit()).toEqual([expect.stringMatching(/^b1: level 5 carries 0\.00171828 of SELL dust; dust lies between 0 and 0\.0002 at 60000$/)])
  })
})
