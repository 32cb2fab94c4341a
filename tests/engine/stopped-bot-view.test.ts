import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import type { BotView } from '@shared/api'
import type { Journal } from '../../main/engine/journal'
import { buildBotView } from '../../main/service/bot-view'
import { SimWorld } from './harness'

const folders: string[] = []
function journalPath(): string {
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'stopped-bot-view-'))
  folders.push(folder)
  return join(folder, 'journal.sqlite')
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function viewOf(journal: Journal): BotView {
  const record = journal.getBot('b1')
  if (record === undefined) throw new Error('no bot b1')
  return buildBotView(journal, record, { baseAsset: 'BTC', quoteAsset: 'USDT', lastPrice: new Decimal('60000') })
}

describe('the dashboard view of a bot', () => {
  it('after an EMERGENCY STOP lists no open order, and its levels say the bot is stopped, as its status does', async () => {
    const world = new SimWorld(journalPath())
    const { bot, journal } = await world.boot()
    expect(viewOf(journal).openOrders).toHaveLength(10)
    await world.run(bot.emergencyStop({ sellBase: false }))
    await world.quiesce()
    expect(await world.exchange.openOrders('BTCUSDT')).toEqual([])
    const view = viewOf(journal)
    expect(view.status).toBe('stopped')
    expect(view.openOrders).toEqual([])
    for (const level of view.levels) expect(level.reason).not.toMatch(/^paused|is stopped$/)
    expect(view.levels.filter((level) => level.reason === 'stopped: no order until you resume the bot').length).toBeGreaterThan(0)
  })

  it('shows the fills in the event log beside the bot events', async () => {
    const world = new SimWorld(journalPath())
    const { journal } = await world.boot()
    await world.trade('58990')
    await world.quiesce()
    const fills = viewOf(journal).events.filter((event) => event.type === 'Filled')
    expect(fills.map((event) => event.message)).toContainEqual(expect.stringMatching(/^BUY [\d.]+ BTC filled at 59000$/))
  })

  it('does not count the base an EMERGENCY STOP sells as grid profit', async () => {
    const world = new SimWorld(journalPath())
    const { bot, journal } = await world.boot()
    await world.trade('58990')
    await world.quiesce()
    await world.trade('60010')
    await world.quiesce()
    const before = viewOf(journal).profit
    expect(new Decimal(before?.gridProfit ?? '0').gt(0)).toBe(true)
    const report = await world.run(bot.emergencyStop({ sellBase: true }))
    expect(report.soldBase).not.toBeNull()
    const after = viewOf(journal).profit
    expect(after?.gridProfit).toBe(before?.gridProfit)
    // The sale's result is in the floating PnL: the value still adds up
    expect(new Decimal(after?.gridProfit ?? '0').add(after?.floatingPnl ?? '0').toFixed()).toBe(new Decimal(after?.currentValue ?? '0').sub(after?.startValue ?? '0').toFixed())
  })
})
