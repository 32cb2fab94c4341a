import type { BotConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import type { AccountEngine } from '../engine/account/account-engine'
import { settingsOf } from '../engine/bot/grid-bot-config'
import { planGrid, startChecks, type GridPlan } from '../engine/grid/planner'

/**
 * Plans a configuration at a price as a start would place it, with the checks a start must pass
 * added to its problems: the funds no other bot of the account claims, and the exits against the
 * price and the range.
 */
export function checkedPlan(engine: AccountEngine, config: BotConfig, price: Decimal): GridPlan {
  const rules = engine.rules.get(config.symbol)
  const plan = planGrid(rules, settingsOf(config, price), engine.rules.exchangeFilters())
  const checks = startChecks(plan, {
    stopLoss: config.risk.stopLoss === undefined ? undefined : new Decimal(config.risk.stopLoss),
    takeProfit: config.risk.takeProfit === undefined ? undefined : new Decimal(config.risk.takeProfit),
    baseAsset: rules.baseAsset,
    quoteAsset: rules.quoteAsset,
    quoteUnclaimed: engine.ledger.unclaimed(rules.quoteAsset),
    baseUnclaimed: engine.ledger.unclaimed(rules.baseAsset)
  })
  // The settings' own problems first: they are what the person changes
  return { ...plan, problems: [...checks, ...plan.problems] }
}
