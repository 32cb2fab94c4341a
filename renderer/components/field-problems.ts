import type { PlanPreview } from '@shared/api'
import { CONFIG_SETTING_NAMES } from '@shared/config/setting-names'
import type { FieldProblems, TextName } from './draft-text-field'

/** The form field of each setting a problem may name, by its place in the configuration. */
const FIELD_OF_SETTING: Readonly<Record<string, TextName>> = {
  id: 'id',
  'grid.lower': 'lower',
  'grid.upper': 'upper',
  'grid.grids': 'grids',
  'grid.investment': 'investment',
  'risk.stopLoss': 'stopLoss',
  'risk.takeProfit': 'takeProfit'
}

/** Problems sorted into those shown at a form field and those about the plan as a whole. */
export interface SortedProblems {
  readonly atFields: FieldProblems
  readonly general: readonly string[]
}

/**
 * Sorts a plan's problems: one naming a setting the form has goes to that field. Level problems
 * about an order's size are said once, as the minimum investment, at the investment.
 */
export function sortPlanProblems(plan: PlanPreview): SortedProblems {
  const atFields: Partial<Record<TextName, string[]>> = {}
  const general: string[] = []
  const add = (field: TextName, message: string) => (atFields[field] ??= []).includes(message) || atFields[field].push(message)
  let tooSmall = false
  for (const problem of plan.problems) {
    const field = problem.field === null ? undefined : FIELD_OF_SETTING[problem.field]
    if (field !== undefined) add(field, problem.message)
    else if (problem.level !== null && SIZE_CODES.has(problem.code)) tooSmall = true
    else general.push(problem.level === null ? problem.message : `Level ${problem.level}: ${problem.message}`)
  }
  if (tooSmall) add('investment', `The minimum investment for this range and number of grids is ${plan.minInvestment}: invest more, or use fewer grids.`)
  return { atFields, general }
}

/** Level problems that mean the orders are too small: the investment is below the minimum. */
const SIZE_CODES: ReadonlySet<string> = new Set(['BELOW_MIN_NOTIONAL', 'BELOW_MIN_QTY'])

/**
 * Sorts the configuration's problems (sentences that start with the setting's name, see
 * setting-names): one about a setting the form has goes to that field.
 */
export function sortConfigProblems(messages: readonly string[]): SortedProblems {
  const atFields: Partial<Record<TextName, string[]>> = {}
  const general: string[] = []
  for (const message of messages) {
    const setting = Object.keys(FIELD_OF_SETTING).find((path) => message.startsWith(`${CONFIG_SETTING_NAMES[path]} `))
    const field = setting === undefined ? undefined : FIELD_OF_SETTING[setting]
    if (field === undefined) general.push(message)
    else (atFields[field] ??= []).push(message)
  }
  return { atFields, general }
}
