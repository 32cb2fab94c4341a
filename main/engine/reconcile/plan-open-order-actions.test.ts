import { describe, expect, it } from 'vitest'
import { planOpenOrderActions } from './plan-open-order-actions'

const known = new Set(['gk-b1-3B-1', 'gk-b1-3B-2', 'gk-b1-4S-1', 'gk-b1-E-1'])
const hasIntent = (id: string) => known.has(id)

describe('planOpenOrderActions', () => {
  it('cancels our orders the journal does not know, and no one else\'s', () => {
    const actions = planOpenOrderActions('b1', ['gk-b1-7S-9', 'web_123', 'gk-b2-1B-1', 'x-U5D79M5Babc', 'gk-b1-4S-1'], hasIntent, new Set(['gk-b1-4S-1']))
    expect(actions).toEqual({ cancelStrangers: ['gk-b1-7S-9'], cancelDuplicates: [] })
  })

  it('keeps the order the level holds and cancels the other live one', () => {
    expect(planOpenOrderActions('b1', ['gk-b1-3B-1', 'gk-b1-3B-2'], hasIntent, new Set(['gk-b1-3B-2'])).cancelDuplicates).toEqual(['gk-b1-3B-1'])
  })

  it('keeps the first when the level holds neither', () => {
    expect(planOpenOrderActions('b1', ['gk-b1-3B-1', 'gk-b1-3B-2'], hasIntent, new Set()).cancelDuplicates).toEqual(['gk-b1-3B-2'])
  })

  it('leaves orders that belong to no level (emergency, manual) out of the level check', () => {
    expect(planOpenOrderActions('b1', ['gk-b1-E-1', 'gk-b1-4S-1'], hasIntent, new Set())).toEqual({ cancelStrangers: [], cancelDuplicates: [] })
  })
})
