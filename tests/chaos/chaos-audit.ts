import { Decimal } from '@shared/money/decimal'
import type { GridBotConfig } from '../../main/engine/bot/grid-bot-config'
import type { SimWorld } from '../engine/harness'
import { auditAccount } from '../audit/audit'
import { STARTING_BALANCES } from './chaos-options'

/** Audits a chaos world as it stands, from the exchange's records, against its live engine's journal and ledger. */
export async function auditChaosWorld(world: SimWorld, configs: readonly GridBotConfig[]): Promise<string[]> {
  const engine = world.process
  if (engine === undefined) return ['no engine process to audit at the end of the run']
  return auditAccount({
    exchange: world.exchange,
    journal: engine.journal,
    ledger: engine.engine.ledger,
    bots: configs.map((config) => ({ botId: config.id, allocation: { base: new Decimal(config.grid.baseHeld), quote: new Decimal(config.grid.investment) } })),
    startingBalances: STARTING_BALANCES
  })
}
