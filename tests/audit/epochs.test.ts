import { describe, expect, it } from 'vitest'
import type { IntentRecord } from '../../main/engine/journal'
import { Decimal } from '@shared/money/decimal'
import type { LevelState } from '../../main/engine/grid/trader/level-state'
import { findEpochs } from './epochs'
import { checkPlannedLevels, withPlannedPrices } from './planned-levels'

let sequence = 0
function intent(level: number, side: 'BUY' | 'SELL', price: string, atMs: number, fields: Partial<IntentRecord> = {}): IntentRecord {
  sequence += 1
  return {
    intentId: `gk-b1-${level}${side[0]}-${sequence}`, botId: 'b1', symbol: 'BTCUSDT', purpose: 'grid', level, side, type: 'LIMIT', price, quantity: '0.001', quoteOrderQty: null,
    status: 'done', attempts: 1, lastError: null, venueOrderId: null, sourceFillKey: null, createdAtMs: atMs, updatedAtMs: atMs, ...fields
  }
}

/** A four-level plan at `atMs` with the level nearest the price (2) empty. */
function plan(prices: readonly [string, string, string, string], atMs: number): IntentRecord[] {
  return [intent(0, 'BUY', prices[0], atMs), intent(1, 'BUY', prices[1], atMs), intent(3, 'SELL', prices[3], atMs)]
}

describe('finding the grids a bot laid out', () => {
  it('reads one plan, its orders per level and its prices, and puts later level intents in it', () => {
    const first = plan(['100', '110', '120', '130'], 1_000)
    const counter = intent(2, 'SELL', '120', 2_000, { purpose: 'counter', sourceFillKey: 'BTCUSDT:1' })
    const found = findEpochs([...first, counter], 4)
    expect(found.epochs).toHaveLength(1)
    expect([...(found.epochs[0]?.plan.keys() ?? [])]).toEqual([0, 1, 3])
    expect(found.epochs[0]?.prices.get(2)?.toFixed()).toBe('120')
    expect(found.epochOfIntent.get(counter.intentId)).toBe(0)
  })

  it('takes a run at the same prices (every level re-queued after a cancel of all) as the same grid', () => {
    const found = findEpochs([...plan(['100', '110', '120', '130'], 1_000), ...plan(['100', '110', '120', '130'], 5_000)], 4)
    expect(found.epochs).toHaveLength(1)
  })

  it('starts a new grid where a plan at new prices was laid out', () => {
    const second = plan(['105', '115', '125', '135'], 5_000)
    const later = intent(2, 'BUY', '125', 6_000, { purpose: 'counter', sourceFillKey: 'BTCUSDT:9' })
    const found = findEpochs([...plan(['100', '110', '120', '130'], 1_000), ...second, later], 4)
    expect(found.epochs.map((epoch) => epoch.planTimeMs)).toEqual([1_000, 5_000])
    expect(found.epochOfIntent.get(second[0]?.intentId ?? '')).toBe(1)
    expect(found.epochOfIntent.get(later.intentId)).toBe(1)
    expect(found.epochs[1]?.prices.get(2)?.toFixed()).toBe('125')
  })

  it('takes a run at the same prices for a new grid when the journal claims a recenter after it', () => {
    const found = findEpochs([...plan(['100', '110', '120', '130'], 1_000), ...plan(['100', '110', '120', '130'], 5_000), ...plan(['100', '110', '120', '130'], 9_000)], 4, [5_500])
    expect(found.epochs.map((epoch) => epoch.planTimeMs)).toEqual([1_000, 5_000])
  })

  it('does not take grid intents written one by one, or a run that misses a level, for a plan', () => {
    const first = plan(['100', '110', '120', '130'], 1_000)
    const partial = [intent(0, 'BUY', '105', 5_000), intent(1, 'BUY', '115', 5_000)]
    const single = intent(3, 'SELL', '135', 6_000)
    expect(findEpochs([...first, ...partial, single], 4).epochs).toHaveLength(1)
  })

  it("takes a level's price from the note of an order the engine moved onto a coarser tick, even when the level's first order lost its note", () => {
    // The first order of level 1 was moved from 110.05 to 110 and a timeout then overwrote its note; a later one says so
    const first = [intent(0, 'BUY', '100', 1_000), intent(1, 'BUY', '110', 1_000), intent(3, 'SELL', '130', 1_000)]
    const later = intent(1, 'SELL', '110.1', 2_000, { purpose: 'counter', sourceFillKey: 'BTCUSDT:3', lastError: "put on the exchange's new tick and lot step: 0.001 @ 110.05 → 0.001 @ 110.1" })
    const found = findEpochs([...first, later], 4)
    expect(found.epochs[0]?.prices.get(1)?.toFixed()).toBe('110.05')
  })
})

describe("a plan's quantities", () => {
  it('are the ones the plan gave, also for an order the engine put on a coarser lot step before sending it (the rest is dust of the level)', () => {
    const moved = intent(3, 'SELL', '130', 1_000, { quantity: '0.0483', lastError: "put on the exchange's new tick and lot step: 0.04838 @ 130 → 0.0483 @ 130" })
    const found = findEpochs([intent(0, 'BUY', '100', 1_000), intent(1, 'BUY', '110', 1_000), moved], 4)
    expect(found.epochs[0]?.plan.get(3)?.quantity.toFixed()).toBe('0.04838')
    expect(found.epochs[0]?.plan.get(0)?.quantity.toFixed()).toBe('0.001')
  })

  it('are the ones the journal kept for an order put on new steps, when a later error overwrote its note', () => {
    const moved = intent(3, 'SELL', '130.1', 1_000, { quantity: '0.0483', lastError: 'Timeout waiting for response from backend server.' })
    const found = findEpochs([intent(0, 'BUY', '100', 1_000), intent(1, 'BUY', '110', 1_000), moved], 4, [], new Map([[moved.intentId, { quantity: '0.04838', price: '130.05' }]]))
    expect(found.epochs[0]?.plan.get(3)?.quantity.toFixed()).toBe('0.04838')
    expect(found.epochs[0]?.prices.get(3)?.toFixed()).toBe('130.05')
  })
})

describe("the journal's level prices against the grid's orders", () => {
  const epoch = (prices: Record<number, string>) => ({ index: 0, planTimeMs: 0, plan: new Map(Object.keys(prices).map((level) => [Number(level), { side: 'BUY' as const, quantity: new Decimal('0.001'), intentId: `gk-b1-${level}B-1` }])), prices: new Map(Object.entries(prices).map(([level, price]) => [Number(level), new Decimal(price)])) })
  const level = (index: number, price: string) => ({ index, price }) as unknown as LevelState

  it("keeps the journal's price of a level that is off the tick now, whose order sat on it rounded to the tick", () => {
    const current = withPlannedPrices(epoch({ 1: '110' }), [level(1, '110.05')], new Decimal('0.1'))
    expect(current.prices.get(1)?.toFixed()).toBe('110.05')
    expect(checkPlannedLevels([level(1, '110.05')], current, 1)).toEqual([])
  })

  it('still finds a journal price that differs from the orders by a tick on an unchanged tick', () => {
    const current = withPlannedPrices(epoch({ 1: '110.1' }), [level(1, '110')], new Decimal('0.1'))
    expect(checkPlannedLevels([level(1, '110')], current, 1)).toEqual(['level 1 is at 110 in the journal, but grid 0 placed it at 110.1'])
  })
})
