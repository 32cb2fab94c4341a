import type { BotConfigInput } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import type { SymbolRules } from '../engine/exchange/rules/symbol-rules'

/** Half the width of the suggested range, as a fraction of the price. */
const HALF_RANGE = new Decimal('0.05')

/**
 * A grid ready to start on a symbol at a price: about ±5 % around it (three significant digits) in 10 arithmetic grids, 1 000 of
 * the quote asset, with a stop-loss 3 % below the range and the market defaults; prices on the
 * symbol's tick, an id no existing bot has.
 */
export function suggestConfig(rules: SymbolRules, price: Decimal, takenIds: readonly string[]): BotConfigInput {
  const tickSize = rules.filters.priceFilter?.tickSize
  const tick = tickSize !== undefined && tickSize.gt(0) ? tickSize : new Decimal('0.01')
  const onTick = (value: Decimal) => value.div(tick).floor().mul(tick).toFixed()
  // Three significant digits: round numbers, and a suggestion that does not move with every tick
  const lower = price.mul(Decimal.sub(1, HALF_RANGE)).toSignificantDigits(3, Decimal.ROUND_DOWN)
  const upper = price.mul(Decimal.add(1, HALF_RANGE)).toSignificantDigits(3, Decimal.ROUND_UP)
  let number = 1
  while (takenIds.includes(`grid${number}`)) number += 1
  return {
    id: `grid${number}`,
    symbol: rules.symbol,
    grid: { lower: onTick(lower), upper: onTick(upper), grids: 10, spacing: 'arithmetic', investment: '1000', baseHeld: '0' },
    risk: { stopLoss: onTick(lower.mul('0.97').toSignificantDigits(3, Decimal.ROUND_DOWN)), stopOutcome: 'cancel', ocoBackstop: true }
  }
}
