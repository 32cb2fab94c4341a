import { MARKET_BUY_HEADROOM } from '../../orders/funds-needed'
import { Decimal } from '@shared/money/decimal'
import { decimalUnit, roundToStep } from '@shared/money/step'
import {
  quantityStep,
  roundPrice,
  validateOrder,
  type ExchangeFilters,
  type FilterViolation,
  type OrderRequest,
  type SymbolRules
} from '../../exchange/rules'
import { checkGridSettings } from './check-grid-settings'
import { gridPrices } from './grid-prices'
import type { BaseAcquisition, GridPlan, LevelSide, PlannedLevel } from './grid-plan'
import type { GridSettings } from './grid-settings'
import { problemCodeOf, SYMBOL_WIDE_CODES, type PlanProblem, type PlanProblemCode } from './plan-problem'
import { gridCost, quotePerGridFor, type GridCostModel } from './size-grid'

const PERCENT_PLACES = 4

/**
 * Plans a grid: the exact orders it would place on this symbol, what it costs, the profit per
 * grid after fees, the minimum investment, and every problem with a reason code. Pure: no I/O,
 * no clock. The current price stands in for the exchange's reference price in the price bands.
 * Throws GridSettingsError for unusable settings; everything else is reported, never skipped.
 */
export function planGrid(rules: SymbolRules, settings: GridSettings, exchangeFilters: ExchangeFilters = {}): GridPlan {
  checkGridSettings(settings)
  const { price, makerFee } = settings
  const exact = gridPrices(settings.lower, settings.upper, settings.grids, settings.spacing)
  const emptyIndex = nearestIndex(exact, price)
  const sides: LevelSide[] = exact.map((_, index) => (index === emptyIndex ? 'NONE' : index < emptyIndex ? 'BUY' : 'SELL'))
  const prices = exact.map((value, index) => roundPrice(rules, value, sides[index] === 'BUY' || value.lt(price) ? 'down' : 'up'))

  const acquireByMarket = rules.orderTypes.includes('MARKET')
  const acquireStep = quantityStep(rules, acquireByMarket ? 'MARKET' : 'LIMIT')
  const sizingPrice = (index: number) => at(prices, sides[index] === 'SELL' ? index - 1 : index)
  const model = costModel(settings, sides, sizingPrice, acquireStep)
  const quotePerGrid = quotePerGridFor(model, settings.investment)
  const lotStep = quantityStep(rules, 'LIMIT')

  const levels: PlannedLevel[] = prices.map((levelPrice, index) => {
    const side = at(sides, index)
    const quantity = side === 'NONE' ? new Decimal(0) : roundToStep(quotePerGrid.div(sizingPrice(index)), lotStep, 'down')
    return { index, price: levelPrice, side, quantity, notional: levelPrice.mul(quantity) }
  })

  const problems: PlanProblem[] = []
  addLevelProblems(problems, rules, levels, price)
  addSpacingProblems(problems, levels, makerFee)
  addCountProblems(problems, rules, levels, exchangeFilters)
  const baseRequired = sum(levels.filter((level) => level.side === 'SELL').map((level) => level.quantity))
  const buyNotionalBefore = sum(levels.filter((level) => level.side === 'BUY').map((level) => level.notional))
  const acquisition = planAcquisition(rules, settings, baseRequired, acquireByMarket, acquireStep, problems, settings.investment.sub(buyNotionalBefore))
  addPositionProblem(problems, rules, settings, levels, acquisition)
  const buyNotional = sum(levels.filter((level) => level.side === 'BUY').map((level) => level.notional))

  return {
    symbol: rules.symbol,
    spacing: settings.spacing,
    grids: settings.grids,
    lower: settings.lower,
    upper: settings.upper,
    price,
    investment: settings.investment,
    levels,
    profitPerGrid: profitRange(prices, makerFee),
    quotePerGrid,
    minInvestment: minimumInvestment(rules, levels, sizingPrice, model),
    baseRequired,
    baseHeld: settings.baseHeld,
    acquisition,
    quoteRequired: buyNotional.add(acquisition?.quoteCost ?? 0),
    problems
  }
}

function costModel(settings: GridSettings, sides: readonly LevelSide[], sizingPrice: (index: number) => Decimal, step: Decimal): GridCostModel {
  let basePerQuote = new Decimal(0)
  sides.forEach((side, index) => {
    if (side === 'SELL') basePerQuote = basePerQuote.add(new Decimal(1).div(sizingPrice(index)))
  })
  return {
    buyCount: sides.filter((side) => side === 'BUY').length,
    basePerQuote,
    baseHeld: settings.baseHeld,
    price: settings.price,
    takerFee: settings.takerFee,
    stepCost: step.mul(settings.price)
  }
}

function addLevelProblems(problems: PlanProblem[], rules: SymbolRules, levels: readonly PlannedLevel[], price: Decimal): void {
  for (const level of levels) {
    const previous = levels[level.index - 1]
    if (previous !== undefined && level.price.lte(previous.price)) {
      problems.push({
        level: level.index,
        code: 'DUPLICATE_PRICE',
        message: `level ${level.index} rounds to ${level.price.toFixed()}, the same tick as level ${previous.index} or below it`
      })
    }
    if (level.side === 'NONE') continue
    const order: OrderRequest = { side: level.side, type: 'LIMIT', price: level.price, quantity: level.quantity }
    for (const violation of validateOrder(rules, order, { referencePrice: price }).violations) {
      addViolation(problems, violation, level.index, `level ${level.index} ${level.side}: `)
    }
  }
}

function addSpacingProblems(problems: PlanProblem[], levels: readonly PlannedLevel[], makerFee: Decimal): void {
  const twiceFee = makerFee.mul(2)
  for (let index = 1; index < levels.length; index += 1) {
    const low = at(levels, index - 1).price
    const high = at(levels, index).price
    if (high.lte(low)) continue
    const spacing = high.div(low).sub(1)
    if (spacing.lte(twiceFee)) {
      problems.push({
        level: index,
        code: 'SPACING_BELOW_FEES',
        message: `levels ${index - 1} and ${index} are ${percent(spacing)} % apart, not above twice the maker fee (${percent(twiceFee)} %)`
      })
    }
  }
}

function addCountProblems(problems: PlanProblem[], rules: SymbolRules, levels: readonly PlannedLevel[], exchangeFilters: ExchangeFilters): void {
  const orders = levels.filter((level) => level.side !== 'NONE').length
  const limits = [
    ['MAX_NUM_ORDERS', rules.filters.maxNumOrders, 'per symbol'],
    ['EXCHANGE_MAX_NUM_ORDERS', exchangeFilters.maxNumOrders, 'per account']
  ] as const
  for (const [filter, limit, scope] of limits) {
    if (limit !== undefined && orders > limit) {
      problems.push({ level: null, code: 'TOO_MANY_ORDERS', message: `${filter}: the grid places ${orders} orders, more than the ${limit} open orders allowed ${scope}` })
    }
  }
}

function planAcquisition(
  rules: SymbolRules,
  settings: GridSettings,
  baseRequired: Decimal,
  byMarket: boolean,
  step: Decimal,
  problems: PlanProblem[],
  budget: Decimal
): BaseAcquisition | null {
  const missing = baseRequired.sub(settings.baseHeld)
  if (!missing.gt(0)) return null
  // The taker fee is taken from the base bought, so buy enough to keep `missing` after it
  const needed = roundToStep(missing.div(new Decimal(1).sub(settings.takerFee)), step, 'up')
  const price = byMarket ? settings.price : roundPrice(rules, settings.price, 'up')
  // A shortfall below the exchange's smallest order is bought at that smallest size when the
  // budget allows: a little base to spare rather than a grid that cannot start
  const smallest = smallestOrderQuantity(rules, byMarket, price, step)
  const quantity = needed.lt(smallest) && smallest.mul(price).lte(budget) ? smallest : needed
  const order: OrderRequest = byMarket ? { side: 'BUY', type: 'MARKET', quantity } : { side: 'BUY', type: 'LIMIT', price, quantity }
  for (const violation of validateOrder(rules, order, { referencePrice: settings.price }).violations) {
    addViolation(problems, violation, null, `buying ${quantity.toFixed()} base for the sells: `, 'ACQUISITION_NOT_PLACEABLE')
  }
  // A market buy's cost is known only when it fills, so the funds ledger reserves it with headroom first
  const headroom = settings.marketBuyHeadroom ?? MARKET_BUY_HEADROOM
  const reserved = byMarket ? quantity.mul(price).mul(headroom) : quantity.mul(price)
  if (reserved.gt(settings.investment)) {
    problems.push({
      level: null,
      code: 'ACQUISITION_OVER_BUDGET',
      message: `buying ${quantity.toFixed()} base for the sells reserves ${reserved.toDecimalPlaces(8, Decimal.ROUND_UP).toFixed()} (${headroom.sub(1).mul(100).toFixed()} % over the price until it fills), more than the investment of ${settings.investment.toFixed()}: put the price further inside the range, or invest more`
    })
  }
  return { method: byMarket ? 'MARKET' : 'LIMIT', side: 'BUY', quantity, price, quoteCost: quantity.mul(price) }
}

/** Returns the smallest quantity the symbol accepts at this price (LOT_SIZE, MARKET_LOT_SIZE, NOTIONAL / MIN_NOTIONAL minimums), on the step. */
export function smallestOrderQuantity(rules: SymbolRules, byMarket: boolean, price: Decimal, step: Decimal): Decimal {
  const { lotSize, marketLotSize, notional, minNotional } = rules.filters
  const minQty = Decimal.max(lotSize?.minQty ?? 0, byMarket ? (marketLotSize?.minQty ?? 0) : 0)
  const applies = (applyToMarket: boolean | undefined) => !byMarket || applyToMarket === true
  const minValue = Decimal.max(applies(notional?.applyMinToMarket) ? (notional?.minNotional ?? 0) : 0, applies(minNotional?.applyToMarket) ? (minNotional?.minNotional ?? 0) : 0)
  return Decimal.max(minQty, roundToStep(minValue.div(price), step, 'up'), step)
}

function addPositionProblem(
  problems: PlanProblem[],
  rules: SymbolRules,
  settings: GridSettings,
  levels: readonly PlannedLevel[],
  acquisition: BaseAcquisition | null
): void {
  const max = rules.filters.maxPosition
  if (max === undefined) return
  const openBuys = sum(levels.filter((level) => level.side === 'BUY').map((level) => level.quantity))
  const position = settings.baseHeld.add(acquisition?.quantity ?? 0).add(openBuys)
  if (position.gt(max)) {
    problems.push({
      level: null,
      code: 'MAX_POSITION_EXCEEDED',
      message: `MAX_POSITION: base held and bought plus open BUY quantity reach ${position.toFixed()}, above maxPosition ${max.toFixed()}`
    })
  }
}

/**
 * Returns the smallest investment, in units of the quote precision, for which every order level
 * meets LOT_SIZE.minQty and the NOTIONAL / MIN_NOTIONAL minimums after rounding.
 */
function minimumInvestment(rules: SymbolRules, levels: readonly PlannedLevel[], sizingPrice: (index: number) => Decimal, model: GridCostModel): Decimal {
  const step = quantityStep(rules, 'LIMIT')
  const minQty = rules.filters.lotSize?.minQty ?? new Decimal(0)
  const minNotional = Decimal.max(rules.filters.notional?.minNotional ?? 0, rules.filters.minNotional?.minNotional ?? 0)
  let quotePerGrid = new Decimal(0)
  for (const level of levels) {
    if (level.side === 'NONE') continue
    const forNotional = roundToStep(minNotional.div(level.price), step, 'up')
    const smallest = Decimal.max(minQty, forNotional, step)
    quotePerGrid = Decimal.max(quotePerGrid, smallest.mul(sizingPrice(level.index)))
  }
  // One quote unit above the exact cost, so a plan at this amount is never short by a division's last digit
  const unit = decimalUnit(rules.quoteAssetPrecision)
  return roundToStep(gridCost(model, quotePerGrid), unit, 'down').add(unit)
}

function profitRange(prices: readonly Decimal[], makerFee: Decimal): GridPlan['profitPerGrid'] {
  const keep = new Decimal(1).sub(makerFee).pow(2)
  const profits: Decimal[] = []
  for (let index = 1; index < prices.length; index += 1) {
    profits.push(at(prices, index).div(at(prices, index - 1)).mul(keep).sub(1).mul(100))
  }
  const minPct = Decimal.min(...profits).toDecimalPlaces(PERCENT_PLACES, Decimal.ROUND_FLOOR)
  const maxPct = Decimal.max(...profits).toDecimalPlaces(PERCENT_PLACES, Decimal.ROUND_FLOOR)
  return { minPct, maxPct }
}

/**
 * Adds a violation as a plan problem. A violation about the symbol itself (not trading, order
 * type missing) is added once for the whole plan, however many orders showed it.
 */
function addViolation(problems: PlanProblem[], violation: FilterViolation, level: number | null, prefix: string, code?: PlanProblemCode): void {
  const ownCode = problemCodeOf(violation)
  if (SYMBOL_WIDE_CODES.has(ownCode)) {
    if (!problems.some((problem) => problem.code === ownCode && problem.message === violation.message)) {
      problems.push({ level: null, code: ownCode, message: violation.message })
    }
    return
  }
  problems.push({ level, code: code ?? ownCode, message: `${prefix}${violation.message}` })
}

function nearestIndex(prices: readonly Decimal[], price: Decimal): number {
  let best = 0
  prices.forEach((value, index) => {
    if (value.sub(price).abs().lt(at(prices, best).sub(price).abs())) best = index
  })
  return best
}

function sum(values: readonly Decimal[]): Decimal {
  return values.reduce((total, value) => total.add(value), new Decimal(0))
}

function percent(ratio: Decimal): string {
  return ratio.mul(100).toDecimalPlaces(PERCENT_PLACES, Decimal.ROUND_FLOOR).toFixed()
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index]
  if (item === undefined) throw new RangeError(`no item at index ${index}`)
  return item
}
