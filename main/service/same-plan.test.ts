import { describe, expect, it } from 'vitest'
import type { PlanPreview } from '@shared/api'
import { samePlan } from './same-plan'

const level = (index: number, price: string, side: string, quantity: string) => ({ index, price, side, quantity, notional: '0' })
const plan = {
  levels: [level(0, '100', 'BUY', '1'), level(1, '110', 'NONE', '0'), level(2, '120', 'SELL', '1')],
  acquisition: { method: 'MARKET', side: 'BUY', quantity: '1.001', price: '110', quoteCost: '110.11' }
} as unknown as PlanPreview
const confirmed = { levels: [{ price: '100', side: 'BUY', quantity: '1' }, { price: '110', side: 'NONE', quantity: '0' }, { price: '120', side: 'SELL', quantity: '1' }], acquisitionQuantity: '1.001' } as const

describe('samePlan', () => {
  it('holds when every order and the purchase are the ones confirmed', () => {
    expect(samePlan(plan, confirmed)).toBe(true)
  })

  it('fails when the price moved a level to the other side, or the purchase changed', () => {
    expect(samePlan(plan, { ...confirmed, levels: [confirmed.levels[0], { price: '110', side: 'SELL', quantity: '1' }, confirmed.levels[2]] })).toBe(false)
    expect(samePlan(plan, { ...confirmed, acquisitionQuantity: '2.002' })).toBe(false)
    expect(samePlan(plan, { ...confirmed, levels: confirmed.levels.slice(1) })).toBe(false)
  })
})
