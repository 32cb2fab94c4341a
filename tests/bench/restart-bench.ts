import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { botConfig } from '@shared/config/bot-config'
import { AccountEngine } from '../../main/engine/account/account-engine'
import { GridBot } from '../../main/engine/bot/grid-bot'
import { openJournal } from '../../main/engine/journal'
import { MemoryLogger } from '../../main/engine/logging/logger'
import { seededRandom, SimWorld } from '../engine/harness'
import { median } from './median'

/** A 100-grid bot: 100 orders open on the exchange once placed. */
const CONFIG = botConfig({ id: 'r1', symbol: 'BTCUSDT', grid: { lower: '50000', upper: '70000', grids: 100, investment: '9000' }, recenter: { enabled: false }, risk: { ocoBackstop: false } })

/**
 * Restart reconcile time: a bot with 100 open orders is restored by a fresh engine (its journal
 * file reopened, every open order and recent trade asked of the exchange and matched), timed from
 * the engine's start to the end of the restore. Median of `runs`.
 */
export async function measureRestart(runs = 5): Promise<{ readonly openOrders: number; readonly medianMs: number }> {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'restart-bench-'))
  try {
    const world = new SimWorld(join(folder, 'journal.sqlite'), { balances: { USDT: '20000', BTC: '0' } })
    await world.boot(CONFIG)
    const openOrders = (await world.exchange.openOrders('BTCUSDT')).length
    world.crash()
    const times: number[] = []
    for (let run = 0; run < runs; run += 1) {
      const journal = openJournal(world.journalPath)
      const logger = new MemoryLogger()
      const started = performance.now()
      const engine = new AccountEngine({ exchange: world.exchange, journal, clock: world.clock, logger, random: seededRandom(run) })
      await engine.start(['BTCUSDT'])
      const bot = new GridBot(engine, { exchange: world.exchange, journal, clock: world.clock, logger }, CONFIG)
      await bot.restore()
      times.push(performance.now() - started)
      const problems = logger.lines.filter((line) => line.level === 'error')
      if (problems.length > 0) throw new Error(`restore logged an error: ${problems[0]?.message ?? ''}`)
      engine.stop()
      journal.close()
    }
    return { openOrders, medianMs: median(times) }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
