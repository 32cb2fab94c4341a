import type { PlanPreview } from '@shared/api'
import type { GridPlan } from '../../engine/grid/planner'

/** The JSON shape of `gridkeeper plan --json`: the app's plan preview, every number an exact decimal string. */
export type PlanJson = PlanPreview

// Sizing works at 60 digits; eight decimals more than Binance's precision keeps the amount readable
const QUOTE_PER_GRID_PLACES = 16

/** Converts a plan to its JSON shape. */
export function planToJson(plan: GridPlan, priceAssumed: boolean): PlanJson {
  return {
    symbol: plan.symbol,
    spacing: plan.spacing,
    grids: plan.grids,
    lower: plan.lower.toFixed(),
    upper: plan.upper.toFixed(),
    price: plan.price.toFixed(),
    priceAssumed,
    investment: plan.investment.toFixed(),
    levels: plan.levels.map((level) => ({
      index: level.index,
      price: level.price.toFixed(),
      side: level.side,
      quantity: level.quantity.toFixed(),
      notional: level.notional.toFixed()
    })),
    profitPerGrid: { minPct: plan.profitPerGrid.minPct.toFixed(), maxPct: plan.profitPerGrid.maxPct.toFixed() },
    quotePerGrid: plan.quotePerGrid.toDecimalPlaces(QUOTE_PER_GRID_PLACES, 1).toFixed(),
    minInvestment: plan.minInvestment.toFixed(),
    baseRequired: plan.baseRequired.toFixed(),
    baseHeld: plan.baseHeld.toFixed(),
    acquisition:
      plan.acquisition === null
        ? null
        : {
            method: plan.acquisition.method,
            side: plan.acquisition.side,
            quantity: plan.acquisition.quantity.toFixed(),
            price: plan.acquisition.price.toFixed(),
            quoteCost: plan.acquisition.quoteCost.toFixed()
          },
    quoteRequired: plan.quoteRequired.toFixed(),
    problems: plan.problems.map((problem) => ({ level: problem.level, code: problem.code, message: problem.message, field: problem.field ?? null }))
  }
}
