import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { symbolRules, type RawFilter } from '../../exchange/rules/stubs'
import { GridSettingsError } from './grid-settings-error'
import type { GridPlan } from './grid-plan'
import { planGrid } from './plan-grid'
import { PLAIN_FILTERS, settings } from './stubs'

const PLAIN = symbolRules(PLAIN_FILTERS)

function rows(plan: GridPlan) {
  return plan.levels.map((level) => [level.index, level.price.toFixed(), level.side, level.quantity.toFixed()])
}

function codes(plan: GridPlan) {
  return plan.problems.map((problem) => `${problem.level ?? '-'}:${problem.code}`)
}

describe('planGrid, a grid that must buy nearly all its investment in base', () => {
  it('says so when a market buy, reserved at 2 % over the price until it fills, would need more than the investment', () => {
    // At 101 every level but the lowest is a SELL: the base costs almost all of the 1000
    const plan = planGrid(PLAIN, settings({ price: '101' }))
    expect(plan.acquisition?.method).toBe('MARKET')
    expect(plan.acquisition?.quoteCost.lte(1000)).toBe(true)
    expect(plan.acquisition?.quoteCost.mul('1.02').gt(1000)).toBe(true)
    const problem = plan.problems.find((entry) => entry.code === 'ACQUISITION_OVER_BUDGET')
    expect(problem?.level).toBeNull()
    expect(problem?.message).toMatch(/^buying [\d.]+ base for the sells reserves [\d.]+ \(2 % over the price until it fills\), more than the investment of 1000: put the price further inside the range, or invest more$/)
    // In the middle of the range the same grid has no such problem
    expect(codes(planGrid(PLAIN, settings()))).not.toContain('-:ACQUISITION_OVER_BUDGET')
  })

  it('reserves the headroom the bot is configured with, not a fixed 2 %', () => {
    const withoutHeadroom = planGrid(PLAIN, { ...settings({ price: '101' }), marketBuyHeadroom: new Decimal('1') })
    expect(codes(withoutHeadroom)).not.toContain('-:ACQUISITION_OVER_BUDGET')
    const wide = planGrid(PLAIN, { ...settings({ price: '101' }), marketBuyHeadroom: new Decimal('1.05') })
    expect(wide.problems.find((entry) => entry.code === 'ACQUISITION_OVER_BUDGET')?.message).toMatch(/\(5 % over the price until it fills\)/)
  })
})

describe('planGrid, a hand-computed arithmetic grid', () => {
  // 100..200 in 4 grids at price 150: q = (1000 − 0.15) / (2 + 150/0.999 × (1/150 + 1/175)) = 259.0954958…
  const plan = planGrid(PLAIN, settings())

  it('places buys below the price, sells above, and nothing at the level nearest the price', () => {
    expect(rows(plan)).toEqual([
      [0, '100', 'BUY', '2.59'],
      [1, '125', 'BUY', '2.072'],
      [2, '150', 'NONE', '0'],
      [3, '175', 'SELL', '1.727'],
      [4, '200', 'SELL', '1.48']
    ])
    expect(plan.quotePerGrid.toFixed(6)).toBe('259.095496')
  })

  it('sizes each sell as the buy one level below it would have bought', () => {
    expect(plan.levels[3]?.quantity.toFixed()).toBe(new Decimal(plan.quotePerGrid).div(150).toDecimalPlaces(3, Decimal.ROUND_DOWN).toFixed())
    expect(plan.levels[4]?.notional.toFixed()).toBe('296')
  })

  it('buys the base the sells need at market, net of the taker fee, within the investment', () => {
    expect(plan.baseRequired.toFixed()).toBe('3.207')
    expect(plan.acquisition).toMatchObject({ method: 'MARKET', side: 'BUY' })
    expect(plan.acquisition?.quantity.toFixed()).toBe('3.211')
    expect(plan.acquisition?.quoteCost.toFixed()).toBe('481.65')
    expect(plan.quoteRequired.toFixed()).toBe('999.65')
  })

  it('gives profit per grid after two maker fees, smallest on the widest-priced interval', () => {
    expect(plan.profitPerGrid.minPct.toFixed()).toBe('14.0572')
    expect(plan.profitPerGrid.maxPct.toFixed()).toBe('24.7501')
  })

  it('gives the minimum investment that keeps every order above NOTIONAL', () => {
    // The BUY at 100 needs 0.05 (5 / 100), so q ≥ 5: 5 × 2 + 150/0.999 × (5/150 + 5/175) + 0.15
    expect(plan.minInvestment.toFixed()).toBe('19.4450093')
    expect(plan.problems).toEqual([])
  })
})

describe('planGrid, spacing and position', () => {
  it('spaces geometric levels by equal ratios, with equal profit per grid', () => {
    const plan = planGrid(PLAIN, settings({ spacing: 'geometric', lower: '100', upper: '400', grids: 2, price: '210' }))
    expect(plan.levels.map((level) => level.price.toFixed())).toEqual(['100', '200', '400'])
    expect(plan.profitPerGrid.minPct.toFixed()).toBe('99.6002')
    expect(plan.profitPerGrid.maxPct.toFixed()).toBe('99.6002')
  })

  it('rounds geometric levels by side: buys down, sells up', () => {
    const plan = planGrid(PLAIN, settings({ spacing: 'geometric', lower: '1', upper: '2', grids: 3, price: '1.5' }))
    // 2^(1/3) = 1.2599…, 2^(2/3) = 1.5874…
    expect(plan.levels.map((level) => `${level.side}@${level.price.toFixed()}`)).toEqual(['BUY@1', 'BUY@1.25', 'NONE@1.59', 'SELL@2'])
  })

  it('with the price below the range, sells everywhere except the nearest level', () => {
    const plan = planGrid(PLAIN, settings({ price: '50' }))
    expect(plan.levels.map((level) => level.side)).toEqual(['NONE', 'SELL', 'SELL', 'SELL', 'SELL'])
    expect(plan.quoteRequired.lte(plan.investment)).toBe(true)
  })

  it('uses base already held before buying any, and buys nothing when it covers the sells', () => {
    const some = planGrid(PLAIN, settings({ baseHeld: '1' }))
    expect(some.acquisition?.quantity.lt(some.baseRequired)).toBe(true)
    const plenty = planGrid(PLAIN, settings({ baseHeld: '100' }))
    expect(plenty.acquisition).toBeNull()
    // All of the investment goes to the buys: 1000 / 2 per buy level
    expect(plenty.quotePerGrid.toFixed()).toBe('500')
    expect(plenty.levels[0]?.quantity.toFixed()).toBe('5')
  })

  it('acquires by LIMIT at the touch where the symbol has no MARKET orders', () => {
    const rules = symbolRules(PLAIN_FILTERS, { orderTypes: ['LIMIT', 'LIMIT_MAKER'] })
    const plan = planGrid(rules, settings({ price: '150.005' }))
    expect(plan.acquisition?.method).toBe('LIMIT')
    expect(plan.acquisition?.price.toFixed()).toBe('150.01')
  })
})

describe('planGrid problems: never a silent skip', () => {
  it('lists every level below NOTIONAL when the investment is too small', () => {
    const plan = planGrid(PLAIN, settings({ investment: '15' }))
    expect(codes(plan)).toEqual(['0:BELOW_MIN_NOTIONAL', '1:BELOW_MIN_NOTIONAL', '3:BELOW_MIN_NOTIONAL', '4:BELOW_MIN_NOTIONAL'])
    expect(plan.problems[0]?.message).toMatch(/^level 0 BUY: NOTIONAL: notional .* is below minNotional 5$/)
  })

  it('reports a quantity that rounds below LOT_SIZE.minQty', () => {
    const rules = symbolRules([
      { filterType: 'PRICE_FILTER', minPrice: '0.01', maxPrice: '100000', tickSize: '0.01' },
      { filterType: 'LOT_SIZE', minQty: '1', maxQty: '10000', stepSize: '1' }
    ])
    const plan = planGrid(rules, settings({ investment: '300' }))
    expect(codes(plan)).toContain('1:BELOW_MIN_QTY')
  })

  it('reports levels that round onto the same tick', () => {
    const coarse = symbolRules([{ filterType: 'PRICE_FILTER', minPrice: '1', maxPrice: '100000', tickSize: '1' }, PLAIN_FILTERS[1] as RawFilter])
    const plan = planGrid(coarse, settings({ lower: '100', upper: '101', grids: 4, price: '100.5' }))
    expect(codes(plan).filter((code) => code.endsWith('DUPLICATE_PRICE')).length).toBeGreaterThan(0)
    expect(plan.levels.map((level) => level.price.toFixed())).toEqual(['100', '100', '101', '101', '101'])
  })

  it('reports spacing that is not above twice the maker fee', () => {
    const plan = planGrid(PLAIN, settings({ lower: '100', upper: '101', grids: 10, price: '100.5', investment: '100000' }))
    const spacing = plan.problems.filter((problem) => problem.code === 'SPACING_BELOW_FEES')
    expect(spacing).toHaveLength(10)
    expect(spacing[0]?.message).toBe('levels 0 and 1 are 0.1 % apart, not above twice the maker fee (0.2 %)')
    expect(planGrid(PLAIN, settings({ lower: '100', upper: '101', grids: 10, price: '100.5', makerFee: '0.0004', investment: '100000' })).problems).toEqual([])
  })

  it('reports levels outside the PERCENT_PRICE_BY_SIDE band around the price', () => {
    const banded = symbolRules([
      ...PLAIN_FILTERS,
      { filterType: 'PERCENT_PRICE_BY_SIDE', bidMultiplierUp: '1.1', bidMultiplierDown: '0.8', askMultiplierUp: '1.2', askMultiplierDown: '0.9', avgPriceMins: 5 }
    ])
    // Buys may go down to 80 (0.8 × 100) and sells up to 120 (1.2 × 100), boundaries included
    const plan = planGrid(banded, settings({ lower: '70', upper: '130', grids: 6, price: '100' }))
    expect(codes(plan)).toEqual(['0:OUTSIDE_PRICE_BAND', '6:OUTSIDE_PRICE_BAND'])
    expect(plan.problems[0]?.message).toContain('bidMultiplierDown')
  })

  it('reports more orders than MAX_NUM_ORDERS and EXCHANGE_MAX_NUM_ORDERS allow, once for the plan', () => {
    const rules = symbolRules([...PLAIN_FILTERS, { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 5 }])
    const plan = planGrid(rules, settings({ grids: 10, investment: '100000' }), { maxNumOrders: 8 })
    expect(codes(plan)).toEqual(['-:TOO_MANY_ORDERS', '-:TOO_MANY_ORDERS'])
    expect(plan.problems[0]?.message).toBe('MAX_NUM_ORDERS: the grid places 10 orders, more than the 5 open orders allowed per symbol')
  })

  it('reports a symbol that is not trading once, not once per level', () => {
    const plan = planGrid(symbolRules(PLAIN_FILTERS, { status: 'HALT' }), settings())
    expect(plan.problems).toEqual([{ level: null, code: 'SYMBOL_NOT_TRADING', message: 'SYMBOL_STATUS: TESTUSDT is HALT; only TRADING accepts new orders' }])
  })

  it('reports an acquisition the symbol would refuse', () => {
    // Held base covers all but 0.009 of the sells: buying 0.01 at 150 is below NOTIONAL 5
    const plan = planGrid(PLAIN, settings({ baseHeld: '6.17' }))
    expect(plan.acquisition?.quantity.toFixed()).toBe('0.01')
    expect(codes(plan)).toEqual(['-:ACQUISITION_NOT_PLACEABLE'])
  })

  it('reports MAX_POSITION when held, bought and open-buy base exceed it', () => {
    const rules = symbolRules([...PLAIN_FILTERS, { filterType: 'MAX_POSITION', maxPosition: '5' }])
    expect(codes(planGrid(rules, settings()))).toEqual(['-:MAX_POSITION_EXCEEDED'])
  })
})

describe('planGrid settings', () => {
  it('refuses unusable settings, naming every reason', () => {
    const attempt = () => planGrid(PLAIN, settings({ lower: '200', upper: '100', grids: 0, price: '-1' }))
    expect(attempt).toThrow(GridSettingsError)
    try {
      attempt()
    } catch (error) {
      expect((error as GridSettingsError).reasons).toEqual([
        'upper (100) must be above lower (200)',
        'grids must be a whole number from 1 to 1000, got 0',
        'price must be above 0, got -1'
      ])
    }
  })

  it('refuses a plan with neither investment nor base', () => {
    expect(() => planGrid(PLAIN, settings({ investment: '0' }))).toThrow('investment and base held are both zero')
  })
})
