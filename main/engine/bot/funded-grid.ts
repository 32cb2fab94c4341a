import { Decimal } from '@shared/money/decimal'
import { roundToStep } from '@shared/money/step'
import { quantityStep } from '../exchange/rules/round-order'
import type { ExchangeFilters, SymbolRules } from '../exchange/rules/symbol-rules'
import type { GridPlan } from '../grid/planner/grid-plan'
import type { GridSettings } from '../grid/planner/grid-settings'
import { planGrid, smallestOrderQuantity } from '../grid/planner/plan-grid'
import type { PlanProblem, PlanProblemCode } from '../grid/planner/plan-problem'

/** What a bot holds of each side of its symbol. */
export interface Holdings {
  readonly quote: Decimal
  readonly base: Decimal
}

/** The grid a bot's whole holdings fund, and the trade of base that makes its holdings fit it. */
export interface FundedGrid {
  readonly plan: GridPlan
  /** The holdings valued in quote at the price. */
  readonly value: Decimal
  /** The part of the value the grid is planned for (the rest is the reserve). */
  readonly planned: Decimal
  /** The trade that brings the base to what the grid's SELLs hold; null when none is needed or none is small enough to skip. */
  readonly trade: { readonly side: 'BUY' | 'SELL'; readonly quantity: Decimal } | null
  /** What keeps this grid from being placed; empty when it can be. */
  readonly problems: readonly PlanProblem[]
}

// The plan is made as if all of its base were bought; the real trade is the difference, checked on its own
const HYPOTHETICAL_PURCHASE: ReadonlySet<PlanProblemCode> = new Set(['ACQUISITION_NOT_PLACEABLE', 'ACQUISITION_OVER_BUDGET'])

/**
 * Plans the grid that the bot's whole holdings can fund at the price: their value in quote
 * (quote + base × price), less `reservePct` percent kept back for the rebalancing trade's fee,
 * its price and rounding, is planned as if it were all quote; the base its SELLs hold is then
 * reached by one trade of the difference — a SELL of the surplus (down to the step; none when the
 * surplus is below the exchange's smallest order, the base is then kept), or a BUY of the
 * shortfall grossed up for the taker fee taken from it (up to the step, at least the smallest
 * order). Pure.
 */
export function fundedGrid(rules: SymbolRules, settings: Omit<GridSettings, 'investment' | 'baseHeld'>, holdings: Holdings, reservePct: Decimal, filters: ExchangeFilters, byMarket: boolean): FundedGrid {
  const { price } = settings
  const quote = Decimal.max(holdings.quote, 0)
  const base = Decimal.max(holdings.base, 0)
  const value = quote.add(base.mul(price))
  const planned = value.mul(new Decimal(1).sub(reservePct.div(100)))
  // Nothing held plans nothing: planGrid refuses a zero investment (callers check the value first)
  const plan = planGrid(rules, { ...settings, investment: planned, baseHeld: new Decimal(0) }, filters)
  const problems = plan.problems.filter((problem) => !HYPOTHETICAL_PURCHASE.has(problem.code))
  const step = quantityStep(rules, byMarket ? 'MARKET' : 'LIMIT')
  const smallest = smallestOrderQuantity(rules, byMarket, price, step)
  const missing = plan.baseRequired.sub(base)
  let trade: FundedGrid['trade'] = null
  if (missing.gt(0)) {
    // The taker fee is taken from the base bought: buy enough to keep what the SELLs hold
    const needed = roundToStep(missing.div(new Decimal(1).sub(settings.takerFee)), step, 'up')
    trade = { side: 'BUY', quantity: Decimal.max(needed, smallest) }
  } else {
    const surplus = roundToStep(missing.neg(), step, 'down')
    if (surplus.gte(smallest)) trade = { side: 'SELL', quantity: surplus }
  }
  return { plan, value, planned, trade, problems }
}

/** Returns the quote a plan's BUY orders hold. */
export function buyNotional(plan: GridPlan): Decimal {
  return plan.levels.filter((level) => level.side === 'BUY').reduce((total, level) => total.add(level.notional), new Decimal(0))
}

/** Tells whether holdings cover a plan's orders as they stand: the base of its SELLs and the quote of its BUYs. */
export function holdingsCover(plan: GridPlan, holdings: Holdings): boolean {
  return holdings.base.gte(plan.baseRequired) && holdings.quote.gte(buyNotional(plan))
}
