import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { BTCUSDT_EXCHANGE_RULES, SYMBOL } from '../grid/trader/stubs'
import { buyNotional, fundedGrid, holdingsCover } from './funded-grid'

const rules = BTCUSDT_EXCHANGE_RULES.symbols.get(SYMBOL)!
const d = (value: string) => new Decimal(value)
/** Ten grids from 40,000 to 50,000 at 45,000, 0.1 % fees. */
const settings = { lower: d('40000'), upper: d('50000'), grids: 10, spacing: 'arithmetic' as const, price: d('45000'), makerFee: d('0.001'), takerFee: d('0.001') }

describe('fundedGrid', () => {
  it('plans for the whole value less the reserve, and sells the base the grid does not hold', () => {
    // 10 USDT and 0.0175 BTC: what a grid that fell through its range holds, worth 797.5 at 45,000
    const funded = fundedGrid(rules, settings, { quote: d('10'), base: d('0.0175') }, d('1'), {}, true)
    expect([funded.value.toFixed(), funded.planned.toFixed()]).toEqual(['797.5', '789.525'])
    expect(funded.problems).toEqual([])
    expect(funded.plan.levels.filter((level) => level.side !== 'NONE').every((level) => level.notional.gt(70))).toBe(true)
    expect(funded.trade).toEqual({ side: 'SELL', quantity: d('0.0175').sub(funded.plan.baseRequired) })
    // After the sale (its fee taken from the quote received) the holdings cover every order
    const sold = funded.trade!.quantity
    const after = { quote: d('10').add(sold.mul(45000).mul(d('0.999'))), base: d('0.0175').sub(sold) }
    expect(holdingsCover(funded.plan, after)).toBe(true)
    expect(after.quote.sub(buyNotional(funded.plan)).gt(0)).toBe(true)
  })

  it('buys the base the SELLs lack, grossed up for the taker fee taken from it, when the bot holds quote', () => {
    const funded = fundedGrid(rules, settings, { quote: d('800'), base: d('0') }, d('1'), {}, true)
    const bought = funded.trade!
    expect(bought.side).toBe('BUY')
    expect(bought.quantity.mul(d('0.999')).gte(funded.plan.baseRequired)).toBe(true)
    expect(bought.quantity.sub(funded.plan.baseRequired.div(d('0.999'))).lt(d('0.00001'))).toBe(true)
    const after = { quote: d('800').sub(bought.quantity.mul(45000)), base: bought.quantity.mul(d('0.999')) }
    expect(holdingsCover(funded.plan, after)).toBe(true)
  })

  it('keeps a surplus of base below the smallest order instead of trading it, and plans nothing it cannot place', () => {
    // The plan depends on the value only: the same 800 held with 0.00005 BTC (2.25 USDT) more base than the SELLs hold
    const target = fundedGrid(rules, settings, { quote: d('800'), base: d('0') }, d('1'), {}, true).plan.baseRequired
    const base = target.add(d('0.00005'))
    const holdings = { quote: d('800').sub(base.mul(45000)), base }
    const funded = fundedGrid(rules, settings, holdings, d('1'), {}, true)
    expect(funded.plan.baseRequired.toFixed()).toBe(target.toFixed())
    expect(funded.trade).toBeNull()
    expect(holdingsCover(funded.plan, holdings)).toBe(true)
    // 45 USDT cannot fund ten orders of at least 5 USDT: the problem is named, the purchase it assumed is not
    const tooSmall = fundedGrid(rules, settings, { quote: d('45'), base: d('0') }, d('1'), {}, true)
    expect([...new Set(tooSmall.problems.map((problem) => problem.code))]).toEqual(['BELOW_MIN_NOTIONAL'])
  })
})
