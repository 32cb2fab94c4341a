import { Decimal } from '@shared/money/decimal'
import type { GridPlan } from './grid-plan'
import type { PlanProblem } from './plan-problem'

/** What a plan is checked against before it may start: the exits, and the funds no other bot claims. */
export interface StartCheckInput {
  readonly stopLoss: Decimal | undefined
  readonly takeProfit: Decimal | undefined
  readonly baseAsset: string
  readonly quoteAsset: string
  /** Quote the account has free that no other bot's share claims. */
  readonly quoteUnclaimed: Decimal
  /** Base the account has free that no other bot's share claims. */
  readonly baseUnclaimed: Decimal
}

/** Places shown in messages: enough for a person to act on, never more than the amount has. */
const SHOWN_PLACES = 8

/**
 * The checks a plan must pass before it starts, each with a reason code and a sentence at its
 * setting: at least two grids; the investment and the base held against what the account has
 * free beyond other bots' shares; a stop-loss below the price and the range, a take-profit above
 * both (one at the wrong side of the price would exit the moment the grid starts).
 */
export function startChecks(plan: GridPlan, input: StartCheckInput): PlanProblem[] {
  const problems: PlanProblem[] = []
  const price = plan.price.toFixed()
  if (plan.grids < 2) {
    problems.push({ level: null, field: 'grid.grids', code: 'TOO_FEW_GRIDS', message: 'Number of grids must be at least 2: one grid has no level to sell what it buys.' })
  }
  if (plan.investment.gt(input.quoteUnclaimed)) {
    problems.push({
      level: null,
      field: 'grid.investment',
      code: 'INSUFFICIENT_QUOTE',
      message: `Investment of ${plan.investment.toFixed()} ${input.quoteAsset} is more than the ${shown(input.quoteUnclaimed)} ${input.quoteAsset} the account has free beyond what other bots hold: invest at most that.`
    })
  }
  if (plan.baseHeld.gt(input.baseUnclaimed)) {
    problems.push({
      level: null,
      field: 'grid.baseHeld',
      code: 'INSUFFICIENT_BASE',
      message: `Base held of ${plan.baseHeld.toFixed()} ${input.baseAsset} is more than the ${shown(input.baseUnclaimed)} ${input.baseAsset} the account has free beyond what other bots hold.`
    })
  }
  const { stopLoss, takeProfit } = input
  if (stopLoss !== undefined) {
    if (!stopLoss.lt(plan.price)) {
      problems.push({ level: null, field: 'risk.stopLoss', code: 'STOP_LOSS_NOT_BELOW_PRICE', message: `Stop-loss must be below the current price (${price}): at ${stopLoss.toFixed()} it would sell the moment the grid starts.` })
    } else if (!stopLoss.lt(plan.lower)) {
      problems.push({ level: null, field: 'risk.stopLoss', code: 'STOP_LOSS_INSIDE_RANGE', message: `Stop-loss must be below the lower price (${plan.lower.toFixed()}), outside the range the grid trades in.` })
    }
  }
  if (takeProfit !== undefined) {
    if (!takeProfit.gt(plan.price)) {
      problems.push({ level: null, field: 'risk.takeProfit', code: 'TAKE_PROFIT_NOT_ABOVE_PRICE', message: `Take-profit must be above the current price (${price}): at ${takeProfit.toFixed()} it would sell the moment the grid starts.` })
    } else if (!takeProfit.gt(plan.upper)) {
      problems.push({ level: null, field: 'risk.takeProfit', code: 'TAKE_PROFIT_INSIDE_RANGE', message: `Take-profit must be above the upper price (${plan.upper.toFixed()}), outside the range the grid trades in.` })
    }
  }
  return problems
}

function shown(amount: Decimal): string {
  return amount.toDecimalPlaces(SHOWN_PLACES, Decimal.ROUND_DOWN).toFixed()
}
