import { parseBotConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import { describe, expect, it } from 'vitest'
import { BTCUSDT_FILTERS, symbolRules as rulesOf } from '../engine/exchange/rules/stubs'
import { suggestConfig } from './suggest-config'

const btc = () => rulesOf(BTCUSDT_FILTERS, { symbol: 'BTCUSDT', baseAsset: 'BTC' })

describe('suggestConfig', () => {
  it('suggests a valid grid of round prices around the price, with a stop-loss below it', () => {
    const suggestion = suggestConfig(btc(), new Decimal('60055.73'), [])
    expect(suggestion.grid).toMatchObject({ lower: '57000', upper: '63100', grids: 10, investment: '1000' })
    expect(suggestion.risk?.stopLoss).toBe('55200')
    expect(parseBotConfig(suggestion).ok).toBe(true)
  })

  it('does not change while the price moves a little', () => {
    expect(suggestConfig(btc(), new Decimal('60010'), [])).toEqual(suggestConfig(btc(), new Decimal('60090'), []))
  })

  it('takes an id no bot has', () => {
    expect(suggestConfig(btc(), new Decimal('100'), ['grid1', 'grid2']).id).toBe('grid3')
  })
})
