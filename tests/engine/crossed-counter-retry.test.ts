import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BOT_CONFIG, SimWorld } from './harness'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

describe('a counter-order that came of netting on a level and was refused for good', () => {
  it('is tried again when the person resumes the bot, though no single fill names it', async () => {
    const folder = mkdtempSync(join(process.cwd(), '.tmp', 'crossed-'))
    folders.push(folder)
    const world = new SimWorld(join(folder, 'journal.sqlite'))
    const { bot, journal } = await world.boot(BOT_CONFIG)
    // Level 5 is held while a BUY below and a SELL above fill: a SELL and a BUY are owed to it, and cross
    await world.run(bot.holdLevel(5))
    await world.trade('58990')
    await world.trade('61010')
    await world.trade('60500', '0')
    world.exchange.faults.rejectNextPlacement(-2010, 'This action is disabled on this account.')
    world.exchange.faults.rejectNextPlacement(-2010, 'This action is disabled on this account.')
    await world.run(bot.releaseLevel(5))
    await world.quiesce()
    expect(bot.record().status).toBe('emergency')
    const refused = journal.listIntents('b1', ['rejected']).filter((intent) => intent.purpose === 'counter')
    expect(refused.length).toBeGreaterThan(0)

    await world.run(bot.resume())
    await world.quiesce()
    for (const intent of refused) expect(journal.getIntent(intent.intentId)?.lastError).toMatch(/^tried again as gk-b1-/)
    const open = (await world.exchange.openOrders('BTCUSDT')).map((order) => `${order.side}@${order.price.toFixed()}`)
    expect(open).toEqual(expect.arrayContaining(['BUY@59000', 'SELL@61000']))
    expect(bot.record().status).toBe('running')
  })
})
