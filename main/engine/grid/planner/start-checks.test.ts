import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { symbolRules } from '../../exchange/rules/stubs'
import { planGrid } from './plan-grid'
import { startChecks, type StartCheckInput } from './start-checks'
import { PLAIN_FILTERS, settings } from './stubs'

const PLAIN = symbolRules(PLAIN_FILTERS)
const plan = planGrid(PLAIN, settings({ investment: '1000', price: '150' }))
const enough: StartCheckInput = { stopLoss: undefined, takeProfit: undefined, baseAsset: 'BTC', quoteAsset: 'USDT', quoteUnclaimed: new Decimal('5000'), baseUnclaimed: new Decimal('0') }

function checked(input: Partial<StartCheckInput>) {
  return startChecks(plan, { ...enough, ...input }).map((problem) => [problem.field, problem.code, problem.message])
}

describe('startChecks', () => {
  it('passes a plan the account can pay for, with exits outside the range', () => {
    expect(checked({ stopLoss: new Decimal('90'), takeProfit: new Decimal('210') })).toEqual([])
  })

  it('refuses an investment above what the account has free beyond other bots, at the investment', () => {
    expect(checked({ quoteUnclaimed: new Decimal('950.123456789') })).toEqual([
      ['grid.investment', 'INSUFFICIENT_QUOTE', 'Investment of 1000 USDT is more than the 950.12345678 USDT the account has free beyond what other bots hold: invest at most that.']
    ])
  })

  it('refuses a stop-loss at or above the price, and one inside the range, at the stop-loss', () => {
    expect(checked({ stopLoss: new Decimal('150') })).toEqual([['risk.stopLoss', 'STOP_LOSS_NOT_BELOW_PRICE', 'Stop-loss must be below the current price (150): at 150 it would sell the moment the grid starts.']])
    expect(checked({ stopLoss: new Decimal('120') })).toEqual([['risk.stopLoss', 'STOP_LOSS_INSIDE_RANGE', 'Stop-loss must be below the lower price (100), outside the range the grid trades in.']])
  })

  it('refuses a take-profit at or below the price, and one inside the range, at the take-profit', () => {
    expect(checked({ takeProfit: new Decimal('149.99') })[0]?.[1]).toBe('TAKE_PROFIT_NOT_ABOVE_PRICE')
    expect(checked({ takeProfit: new Decimal('200') })[0]?.[1]).toBe('TAKE_PROFIT_INSIDE_RANGE')
  })

  it('refuses a single grid', () => {
    expect(startChecks(planGrid(PLAIN, settings({ grids: 1 })), enough).map((problem) => problem.code)).toEqual(['TOO_FEW_GRIDS'])
  })
})
