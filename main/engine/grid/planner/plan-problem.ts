import type { FilterViolation } from '../../exchange/rules'

/** Reason codes of plan problems. */
export type PlanProblemCode =
  | 'BELOW_MIN_NOTIONAL'
  | 'ABOVE_MAX_NOTIONAL'
  | 'BELOW_MIN_QTY'
  | 'ABOVE_MAX_QTY'
  | 'OUTSIDE_PRICE_BAND'
  | 'PRICE_OUT_OF_BOUNDS'
  | 'DUPLICATE_PRICE'
  | 'SPACING_BELOW_FEES'
  | 'TOO_MANY_ORDERS'
  | 'MAX_POSITION_EXCEEDED'
  | 'SYMBOL_NOT_TRADING'
  | 'ORDER_TYPE_NOT_ALLOWED'
  | 'SPOT_TRADING_NOT_ALLOWED'
  | 'ACQUISITION_NOT_PLACEABLE'
  | 'ACQUISITION_OVER_BUDGET'
  | 'FILTER_FAILURE'
  | 'INSUFFICIENT_QUOTE'
  | 'INSUFFICIENT_BASE'
  | 'STOP_LOSS_NOT_BELOW_PRICE'
  | 'STOP_LOSS_INSIDE_RANGE'
  | 'TAKE_PROFIT_NOT_ABOVE_PRICE'
  | 'TAKE_PROFIT_INSIDE_RANGE'
  | 'TOO_FEW_GRIDS'

/** The setting a problem is about, by its place in the bot configuration ("grid.investment"). */
export type PlanField = 'grid.lower' | 'grid.upper' | 'grid.grids' | 'grid.investment' | 'grid.baseHeld' | 'risk.stopLoss' | 'risk.takeProfit'

/**
 * Something that keeps a plan from running as shown; `level` is null for the plan as a whole, and
 * `field`, when set, names the setting to change (the message is then a sentence shown at it).
 */
export interface PlanProblem {
  readonly level: number | null
  readonly code: PlanProblemCode
  readonly message: string
  readonly field?: PlanField
}

/** Problem codes that concern the symbol, not a level: reported once for the plan. */
export const SYMBOL_WIDE_CODES: ReadonlySet<PlanProblemCode> = new Set([
  'SYMBOL_NOT_TRADING',
  'ORDER_TYPE_NOT_ALLOWED',
  'SPOT_TRADING_NOT_ALLOWED'
])

/** Maps an exchange-rule violation of a level's order to a plan problem code. */
export function problemCodeOf(violation: FilterViolation): PlanProblemCode {
  const key = `${violation.filter}.${violation.rule}`
  switch (key) {
    case 'NOTIONAL.minNotional':
    case 'MIN_NOTIONAL.minNotional':
      return 'BELOW_MIN_NOTIONAL'
    case 'NOTIONAL.maxNotional':
      return 'ABOVE_MAX_NOTIONAL'
    case 'LOT_SIZE.minQty':
    case 'PARAMETER.positive':
      return 'BELOW_MIN_QTY'
    case 'LOT_SIZE.maxQty':
      return 'ABOVE_MAX_QTY'
    case 'PRICE_FILTER.minPrice':
    case 'PRICE_FILTER.maxPrice':
      return 'PRICE_OUT_OF_BOUNDS'
    default:
      break
  }
  switch (violation.filter) {
    case 'PERCENT_PRICE':
    case 'PERCENT_PRICE_BY_SIDE':
      return 'OUTSIDE_PRICE_BAND'
    case 'SYMBOL_STATUS':
      return 'SYMBOL_NOT_TRADING'
    case 'ORDER_TYPE':
      return 'ORDER_TYPE_NOT_ALLOWED'
    case 'SPOT_TRADING':
      return 'SPOT_TRADING_NOT_ALLOWED'
    default:
      return 'FILTER_FAILURE'
  }
}
