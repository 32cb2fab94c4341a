import { parseArgs } from 'node:util'
import { Decimal } from '@shared/money/decimal'
import { GridSettingsError, planGrid, type GridSettings } from '../../engine/grid/planner'
import { EXIT, type CliIo } from '../cli-io'
import { CliUsageError } from '../cli-usage-error'
import { choiceOption, decimalOption, integerOption, requiredText } from '../read-option'
import { loadSymbolRules } from './load-symbol-rules'
import { planToJson } from './plan-json'
import { planToTable } from './plan-table'

/** Usage text of `gridkeeper plan`. */
export const PLAN_USAGE = `Usage: gridkeeper plan --exchange-info FILE --symbol SYMBOL --lower P --upper P --grids N
                      --investment Q [--spacing arithmetic|geometric] [--price P]
                      [--base-held B] [--maker-fee 0.001] [--taker-fee 0.001] [--json]

Plans a grid from a symbol's rules in an exchangeInfo file: every order it would place, profit
per grid after fees, the minimum investment, and every problem. N grids are N intervals, so N + 1
level prices from lower to upper; the level nearest the price holds no order.
Exit codes: 0 a plan without problems, 1 a plan with problems, 2 the plan could not be made.`

const OPTIONS = {
  'exchange-info': { type: 'string' },
  symbol: { type: 'string' },
  lower: { type: 'string' },
  upper: { type: 'string' },
  grids: { type: 'string' },
  investment: { type: 'string' },
  spacing: { type: 'string' },
  price: { type: 'string' },
  'base-held': { type: 'string' },
  'maker-fee': { type: 'string' },
  'taker-fee': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' }
} as const

/** Runs `gridkeeper plan` and returns its exit code. */
export async function planCommand(args: readonly string[], io: CliIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false })
  } catch (error) {
    // Node's message is one line ("Unknown option '--x'"); point to the list of options
    throw new CliUsageError(`${(error as Error).message.split('\n')[0]} (gridkeeper plan --help lists the options)`, { cause: error })
  }
  const values = parsed.values
  if (values.help === true) {
    io.stdout(`${PLAN_USAGE}\n`)
    return EXIT.ok
  }
  const path = requiredText(values, 'exchange-info')
  const symbol = requiredText(values, 'symbol')
  const lower = decimalOption(values, 'lower')
  const upper = decimalOption(values, 'upper')
  const grids = integerOption(values, 'grids')
  const investment = decimalOption(values, 'investment')
  const spacing = choiceOption(values, 'spacing', ['arithmetic', 'geometric'] as const, 'arithmetic')
  const makerFee = decimalOption(values, 'maker-fee', '0.001')
  const takerFee = decimalOption(values, 'taker-fee', makerFee.toFixed())
  const baseHeld = decimalOption(values, 'base-held', '0')
  const priceAssumed = values.price === undefined
  const price = priceAssumed ? lower.add(upper).div(2) : decimalOption(values, 'price')

  const { rules, exchange } = await loadSymbolRules(io, path, symbol)
  const settings: GridSettings = {
    lower,
    upper,
    grids,
    spacing,
    investment,
    baseHeld,
    // An assumed price sits on the symbol's quote precision, like any price a person could type
    price: priceAssumed ? price.toDecimalPlaces(rules.quoteAssetPrecision, Decimal.ROUND_DOWN) : price,
    makerFee,
    takerFee
  }
  let plan
  try {
    plan = planGrid(rules, settings, exchange.exchangeFilters)
  } catch (error) {
    if (error instanceof GridSettingsError) throw new CliUsageError(error.reasons.join('; '), { cause: error })
    throw error
  }
  if (values.json === true) {
    io.stdout(`${JSON.stringify(planToJson(plan, priceAssumed))}\n`)
  } else {
    io.stdout(planToTable(plan, priceAssumed, rules.quoteAsset, rules.baseAsset))
  }
  return plan.problems.length === 0 ? EXIT.ok : EXIT.problems
}
