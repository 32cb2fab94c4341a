import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { GridBotConfig } from '../../main/engine/bot/grid-bot-config'
import { BOT_CONFIG, SimWorld, type EngineProcess } from '../engine/harness'
import { auditAccount } from './audit'

/** The balances a test world starts with (SimWorld's default). */
export const WORLD_BALANCES: Readonly<Record<string, string>> = { USDT: '10000', BTC: '0' }

/** A simulated world with running bots for the auditor's tests, in a temporary folder. */
export interface AuditWorld {
  readonly world: SimWorld
  /** The engine process running now. */
  readonly engine: EngineProcess
  /** Audits the world as it is now, against the engine running now. */
  audit(startingBalances?: Readonly<Record<string, string>>): Promise<string[]>
  /** Throws the engine away and removes the world's folder. */
  dispose(): void
}

/** Boots a world with the given bots (the ten-grid BTCUSDT bot from 55,000 to 65,000 by default). */
export async function auditWorld(configs: GridBotConfig | readonly GridBotConfig[] = BOT_CONFIG, balances: Readonly<Record<string, string>> = WORLD_BALANCES): Promise<AuditWorld> {
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'audit-'))
  const world = new SimWorld(join(folder, 'journal.sqlite'), { balances: { ...balances } })
  await world.boot(configs)
  const running = () => {
    if (world.process === undefined) throw new Error('no engine process is running')
    return world.process
  }
  return {
    world,
    get engine() {
      return running()
    },
    audit: (startingBalances = balances) =>
      auditAccount({
        exchange: world.exchange,
        journal: running().journal,
        ledger: running().engine.ledger,
        bots: running().bots.map((bot) => ({ botId: bot.config.id })),
        startingBalances
      }),
    dispose: () => {
      world.crash()
      rmSync(folder, { recursive: true, force: true })
    }
  }
}
