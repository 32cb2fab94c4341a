import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { soldByNote } from '../../main/engine/grid/trader/grid-trader'
import { SimWorld } from './harness'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})
function world(): SimWorld {
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'sold-'))
  folders.push(folder)
  return new SimWorld(join(folder, 'journal.sqlite'))
}

// The ten-grid bot starts at 60,000; a trade at 58,990 fills level 4's BUY, which owes a SELL of 0.00171 on level 5
describe('SELLs that sales sold', () => {
  it('counts in the note what every sale sold of one SELL, so nothing an earlier sale sold is forgotten', async () => {
    const sim = world()
    const { bot, journal } = await sim.boot()
    bot.trader.halt('all')
    await sim.trade('58990')
    const owed = journal.listIntents('b1', ['pending']).find((intent) => intent.level === 5 && intent.side === 'SELL')
    expect(owed?.quantity).toBe('0.00171')
    bot.trader.forgetSells('sold:first', new Decimal('0.001'))
    const partly = journal.getIntent(owed?.intentId ?? '')
    expect(partly).toMatchObject({ status: 'pending', quantity: '0.00071', lastError: 'sold:first: 0.001 of it sold' })
    bot.trader.forgetSells('sold:second', new Decimal('0.00071'))
    const ended = journal.getIntent(owed?.intentId ?? '')
    expect(ended).toMatchObject({ status: 'done', lastError: 'sold:second: 0.00171 of it sold' })
    expect(soldByNote(ended?.lastError).toFixed()).toBe('0.00171')
  })

  it('reads no count from a note that names none', () => {
    expect(soldByNote('sold:gk-b1-E-1').isZero()).toBe(true)
    expect(soldByNote('merged into gk-b1-6S-5 of it sold 2').isZero()).toBe(true)
    expect(soldByNote(null).isZero()).toBe(true)
  })
})
