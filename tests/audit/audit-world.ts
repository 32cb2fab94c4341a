import { mkdtempSync, rmSync } from 'node:fs'
import { Decimal } from '@shared/money/decimal'
import { join } from 'node:path'
import type { GridBotConfig } from '../../main/engine/bot/grid-bot-config'
import type { ExchangeRules } from '../../main/engine/exchange/rules'
import { BOT_CONFIG, SimWorld, type EngineProcess } from '../engine/harness'
import { auditAccount } from './audit'
import type { BotAllocation } from './bot-view'

function toppedUp(config: GridBotConfig, quote: Decimal | undefined): BotAllocation {
  return { base: new Decimal(config.grid.baseHeld), quote: new Decimal(config.grid.investment).add(quote ?? 0) }
}

/** The balances a test world starts with (SimWorld's default). */
export const WORLD_BALANCES: Readonly<Record<string, string>> = { USDT: '10000', BTC: '0' }

/** A simulated world with running bots for the auditor's tests, in a temporary folder. */
export interface AuditWorld {
  readonly world: SimWorld
  /** The engine process running now. */
  readonly engine: EngineProcess
  /** Audits the world as it is now, against the engine running now (the bots' allocations as their configurations give them, unless given). */
  audit(options?: { readonly startingBalances?: Readonly<Record<string, string>>; readonly allocations?: Readonly<Record<string, BotAllocation>> }): Promise<string[]>
  /** Gives a bot more quote in the ledger, as a person topping it up would; audits then count it in its allocation. */
  topUp(botId: string, quote: string): void
  /** Throws the engine away and removes the world's folder. */
  dispose(): void
}

/** Boots a world with the given bots (the ten-grid BTCUSDT bot from 55,000 to 65,000 by default). */
export async function auditWorld(configs: GridBotConfig | readonly GridBotConfig[] = BOT_CONFIG, balances: Readonly<Record<string, string>> = WORLD_BALANCES, rules?: ExchangeRules): Promise<AuditWorld> {
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'audit-'))
  const world = new SimWorld(join(folder, 'journal.sqlite'), { balances: { ...balances }, ...(rules === undefined ? {} : { rules }) })
  await world.boot(configs)
  const topUps = new Map<string, Decimal>()
  const running = () => {
    if (world.process === undefined) throw new Error('no engine process is running')
    return world.process
  }
  return {
    world,
    get engine() {
      return running()
    },
    audit: (options = {}) =>
      auditAccount({
        exchange: world.exchange,
        journal: running().journal,
        ledger: running().engine.ledger,
        bots: running().bots.map((bot) => {
          const allocation = options.allocations?.[bot.config.id] ?? toppedUp(bot.config, topUps.get(bot.config.id))
          return { botId: bot.config.id, allocation }
        }),
        startingBalances: options.startingBalances ?? balances
      }),
    topUp: (botId, quote) => {
      running().engine.ledger.addToBot(botId, 'USDT', new Decimal(quote))
      topUps.set(botId, (topUps.get(botId) ?? new Decimal(0)).add(quote))
    },
    dispose: () => {
      world.crash()
      rmSync(folder, { recursive: true, force: true })
    }
  }
}
