import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AccountEngine } from '../../main/engine/account/account-engine'
import { GridBot } from '../../main/engine/bot/grid-bot'
import { openJournal } from '../../main/engine/journal'
import { MemoryLogger } from '../../main/engine/logging/logger'
import { BOT_CONFIG, ETH_BOT_CONFIG, seededRandom, SimWorld } from './harness'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

describe('a restart that restores an account\'s bots one after another', () => {
  it('answers a fill of a bot not restored yet once it is, instead of taking it for a fill with no level to hedge on', async () => {
    const folder = mkdtempSync(join(process.cwd(), '.tmp', 'restart-order-'))
    folders.push(folder)
    const world = new SimWorld(join(folder, 'journal.sqlite'), { balances: { USDT: '10000', BTC: '0', ETH: '0' } })
    await world.boot([BOT_CONFIG, ETH_BOT_CONFIG])
    world.crash()

    // The next process starts its account and builds both bots, and restores the first…
    const journal = openJournal(world.journalPath)
    const logger = new MemoryLogger()
    const engine = new AccountEngine({ exchange: world.exchange, journal, clock: world.clock, logger, random: seededRandom(3) })
    await world.run(engine.start(['BTCUSDT', 'ETHUSDT']))
    const bots = [BOT_CONFIG, ETH_BOT_CONFIG].map((config) => new GridBot(engine, { exchange: world.exchange, journal, clock: world.clock, logger }, config))
    await world.run((bots[0] as GridBot).restore())
    // …while an ETH BUY fills and its event arrives before the ETH bot is restored
    await world.trade('2900', '10', 'ETHUSDT')
    await world.run((bots[1] as GridBot).restore())
    await world.quiesce()

    const eth = bots[1] as GridBot
    expect(journal.listFills('b2').filter((fill) => fill.clientOrderId.includes('B-')).length).toBeGreaterThan(0)
    expect(eth.record().status).toBe('running')
    expect(journal.listIncidents({ openOnly: true })).toEqual([])
    expect(journal.listUnhedgedFills('b2')).toEqual([])
    expect(logger.lines.filter((line) => line.level === 'error').map((line) => line.message)).toEqual([])
    engine.stop()
    journal.close()
  })
})
