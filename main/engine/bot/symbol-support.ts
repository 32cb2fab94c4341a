import type { SymbolRules } from '../exchange/rules/symbol-rules'
import type { GridBotConfig } from './grid-bot-config'

/**
 * Lists what a configuration needs that the symbol does not offer, checked before a bot starts
 * (so a grid never finds out mid-way): LIMIT orders for the grid; OCO lists with LIMIT_MAKER and
 * STOP_LOSS_LIMIT legs for the backstop. MARKET is not required: rebalances and exits fall back
 * to a re-priced LIMIT.
 */
export function missingSymbolSupport(config: GridBotConfig, rules: SymbolRules): string[] {
  const missing: string[] = []
  if (rules.status !== 'TRADING') missing.push(`${rules.symbol} is ${rules.status}; only TRADING accepts new orders`)
  if (rules.capabilities.isSpotTradingAllowed === false) missing.push(`${rules.symbol} does not allow spot trading`)
  if (!rules.orderTypes.includes('LIMIT')) missing.push(`${rules.symbol} has no LIMIT orders, which a grid is made of`)
  const { ocoBackstop, stopLoss, takeProfit } = config.risk
  if (ocoBackstop && stopLoss !== undefined && takeProfit !== undefined) {
    if (rules.capabilities.ocoAllowed === false) missing.push(`${rules.symbol} does not allow OCO lists: turn risk.ocoBackstop off`)
    for (const type of ['LIMIT_MAKER', 'STOP_LOSS_LIMIT']) {
      if (!rules.orderTypes.includes(type)) missing.push(`${rules.symbol} has no ${type} orders, which the OCO backstop needs: turn risk.ocoBackstop off`)
    }
  }
  return missing
}
