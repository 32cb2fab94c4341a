import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { validateOrder } from '../../exchange/rules'
import { symbolRules } from '../../exchange/rules/stubs'
import type { GridSettings } from './grid-settings'
import { planGrid } from './plan-grid'

const BELOW_MINIMUM = new Set(['BELOW_MIN_NOTIONAL', 'BELOW_MIN_QTY'])

/** A random symbol (tick, step, minimums) and grid settings on it, away from PRICE_FILTER bounds. */
const caseArbitrary = fc
  .record({
    tick: fc.constantFrom('0.00000001', '0.0001', '0.01', '0.1', '1', '0.05'),
    step: fc.constantFrom('0.00000001', '0.00001', '0.001', '0.1', '1', '0.5'),
    minQtySteps: fc.integer({ min: 1, max: 100 }),
    minNotional: fc.constantFrom('0.0001', '1', '5', '10', '100'),
    lowerTicks: fc.integer({ min: 1000, max: 10_000_000 }),
    widthPct: fc.integer({ min: 1, max: 400 }),
    grids: fc.integer({ min: 1, max: 60 }),
    pricePosition: fc.integer({ min: -20, max: 120 }),
    spacing: fc.constantFrom('arithmetic' as const, 'geometric' as const),
    investment: fc.integer({ min: 1, max: 10_000_000 }),
    baseHeldPermille: fc.constantFrom(0, 0, 0, 10, 500),
    fee: fc.constantFrom('0', '0.00075', '0.001')
  })
  .map((c) => {
    const tick = new Decimal(c.tick)
    const lower = tick.mul(c.lowerTicks)
    const upper = lower.mul(100 + c.widthPct).div(100).toDecimalPlaces(tick.decimalPlaces())
    const price = lower.add(upper.sub(lower).mul(c.pricePosition).div(100)).toDecimalPlaces(tick.decimalPlaces())
    const rules = symbolRules([
      { filterType: 'PRICE_FILTER', minPrice: c.tick, maxPrice: '0', tickSize: c.tick },
      { filterType: 'LOT_SIZE', minQty: new Decimal(c.step).mul(c.minQtySteps).toFixed(), maxQty: '0', stepSize: c.step },
      { filterType: 'NOTIONAL', minNotional: c.minNotional, applyMinToMarket: true, maxNotional: '0', applyMaxToMarket: false, avgPriceMins: 5 }
    ])
    const investment = new Decimal(c.investment)
    const settings: GridSettings = {
      lower,
      upper,
      grids: c.grids,
      spacing: c.spacing,
      investment,
      baseHeld: investment.div(price).mul(c.baseHeldPermille).div(1000).toDecimalPlaces(8),
      price: price.gt(0) ? price : tick,
      makerFee: new Decimal(c.fee),
      takerFee: new Decimal(c.fee)
    }
    return { rules, settings }
  })

describe('planGrid properties', () => {
  it('never spends more quote than the investment', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ rules, settings }) => {
        const plan = planGrid(rules, settings)
        expect(plan.quoteRequired.lte(settings.investment)).toBe(true)
      }),
      { numRuns: 300 }
    )
  })

  it('lists a problem for every level whose order would break a filter, and only for those', () => {
    const ownChecks = new Set(['DUPLICATE_PRICE', 'SPACING_BELOW_FEES'])
    fc.assert(
      fc.property(caseArbitrary, ({ rules, settings }) => {
        const plan = planGrid(rules, settings)
        for (const level of plan.levels) {
          if (level.side === 'NONE') continue
          const order = { side: level.side, type: 'LIMIT' as const, price: level.price, quantity: level.quantity }
          const failing = validateOrder(rules, order, { referencePrice: settings.price }).violations.length > 0
          const listed = plan.problems.some((problem) => problem.level === level.index && !ownChecks.has(problem.code))
          expect(listed).toBe(failing)
        }
      }),
      { numRuns: 300 }
    )
  })

  it('is free of size problems at its minimum investment, and has one just below it', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ rules, settings }) => {
        const reference = planGrid(rules, { ...settings, baseHeld: new Decimal(0) })
        const atMinimum = planGrid(rules, { ...settings, baseHeld: new Decimal(0), investment: reference.minInvestment })
        expect(atMinimum.problems.filter((problem) => BELOW_MINIMUM.has(problem.code))).toEqual([])
        const below = planGrid(rules, { ...settings, baseHeld: new Decimal(0), investment: reference.minInvestment.mul('0.97') })
        expect(below.problems.some((problem) => BELOW_MINIMUM.has(problem.code))).toBe(true)
      }),
      { numRuns: 300 }
    )
  }, 60_000)
})
