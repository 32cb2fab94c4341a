import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { buyAllowedAt } from './protective-decision'
import { protectiveMode, type ProtectiveGridContext } from './protective-mode'
import { protectiveSettings } from './stubs'

const DEFAULTS = protectiveSettings()
const ALL_ON = protectiveSettings({ pauseBuysWhenVolatile: true })
const ALL_OFF = protectiveSettings({ noBuysInDowntrend: false, pauseBuysWhenVolatile: false })
const GRID: ProtectiveGridContext = { lowestOpenBuyPrice: new Decimal('61250.5') }
const NO_BUY_OPEN: ProtectiveGridContext = { lowestOpenBuyPrice: null }

describe('protectiveMode per state and option', () => {
  it('blocks no BUY when ranging, trending up or unknown, whatever the options', () => {
    for (const protective of [DEFAULTS, ALL_ON, ALL_OFF]) {
      expect(protectiveMode('ranging', protective, GRID)).toEqual({ blockNewBuys: false, reason: 'no protective mode: ranging' })
      expect(protectiveMode('trending-up', protective, GRID)).toEqual({ blockNewBuys: false, reason: 'no protective mode: trending up' })
      expect(protectiveMode('unknown', protective, NO_BUY_OPEN)).toEqual({ blockNewBuys: false, reason: 'no protective mode: the market state is not known yet' })
    }
  })

  it('blocks new BUYs below the lowest open BUY in a confirmed downtrend with noBuysInDowntrend', () => {
    const decision = protectiveMode('trending-down', DEFAULTS, GRID)
    expect(decision).toEqual({ blockNewBuys: true, buysBelow: new Decimal('61250.5'), reason: 'paused below 61250.5: confirmed downtrend, no new BUY under the lowest open BUY' })
    expect(buyAllowedAt(decision, new Decimal('61250.49'))).toBe(false)
    expect(buyAllowedAt(decision, new Decimal('61250.5'))).toBe(true)
    expect(buyAllowedAt(decision, new Decimal('62000'))).toBe(true)
  })

  it('blocks every new BUY in a confirmed downtrend when no BUY is open', () => {
    const decision = protectiveMode('trending-down', DEFAULTS, NO_BUY_OPEN)
    expect(decision).toEqual({ blockNewBuys: true, buysBelow: null, reason: 'paused: confirmed downtrend with no BUY open' })
    expect(buyAllowedAt(decision, new Decimal('1000000'))).toBe(false)
  })

  it('says when a downtrend is confirmed but its protection is off', () => {
    expect(protectiveMode('trending-down', ALL_OFF, GRID)).toEqual({ blockNewBuys: false, reason: 'no protective mode: confirmed downtrend, but noBuysInDowntrend is off' })
  })

  it('pauses every new BUY in a volatile market with pauseBuysWhenVolatile', () => {
    const decision = protectiveMode('volatile', ALL_ON, GRID)
    expect(decision).toEqual({ blockNewBuys: true, buysBelow: null, reason: 'paused: volatile market' })
    expect(buyAllowedAt(decision, new Decimal('70000'))).toBe(false)
  })

  it('lets BUYs through in a volatile market by default (pauseBuysWhenVolatile is off), and says so', () => {
    const decision = protectiveMode('volatile', DEFAULTS, GRID)
    expect(decision).toEqual({ blockNewBuys: false, reason: 'no protective mode: volatile, but pauseBuysWhenVolatile is off' })
    expect(buyAllowedAt(decision, new Decimal('1'))).toBe(true)
  })
})
