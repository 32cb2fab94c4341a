import { Decimal } from '@shared/money/decimal'
import type { BotConfig } from '@shared/config/bot-config'

/** Which bot-level trigger a price crossed. */
export type RiskTrigger = 'stop-loss' | 'take-profit'

/**
 * Returns the trigger a price crosses: at or below the stop-loss, or at or above the
 * take-profit; undefined when neither is set or crossed. Pure.
 */
export function riskTrigger(price: Decimal, risk: BotConfig['risk']): RiskTrigger | undefined {
  if (risk.stopLoss !== undefined && price.lte(risk.stopLoss)) return 'stop-loss'
  if (risk.takeProfit !== undefined && price.gte(risk.takeProfit)) return 'take-profit'
  return undefined
}

/** Describes a trigger and its outcome for a person. */
export function describeExit(trigger: RiskTrigger, price: Decimal, risk: BotConfig['risk']): string {
  const level = trigger === 'stop-loss' ? `stop-loss ${risk.stopLoss ?? ''}` : `take-profit ${risk.takeProfit ?? ''}`
  const outcome = { keep: 'orders left on the exchange, assets kept', cancel: 'orders cancelled, assets kept', 'sell-all': 'orders cancelled, all base sold' }[risk.stopOutcome]
  return `${level} reached at ${price.toFixed()}: ${outcome}`
}
