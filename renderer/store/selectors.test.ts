import { describe, expect, it } from 'vitest'
import type { FillView, LevelView } from '@shared/api'
import { groupFills } from './fill-groups'
import { fillMark, levelLine, levelWhy, statusText } from './selectors'

const level = (patch: Partial<LevelView>): LevelView => ({ index: 3, price: '59700', phase: 'open', side: 'BUY', quantity: '0.002', held: false, reason: 'open', ...patch })

describe('levelLine', () => {
  it('draws a level by its working order, or as held, failed or empty', () => {
    expect(levelLine(level({}))).toEqual({ price: '59700', kind: 'buy', title: 'L3 BUY 0.002' })
    expect(levelLine(level({ side: 'SELL' })).kind).toBe('sell')
    expect(levelLine(level({ held: true, phase: 'empty', side: null, quantity: null }))).toEqual({ price: '59700', kind: 'held', title: 'L3' })
    expect(levelLine(level({ phase: 'failed', side: null })).kind).toBe('failed')
    expect(levelLine(level({ phase: 'empty', side: null, quantity: null })).kind).toBe('empty')
  })
})

describe('levelWhy', () => {
  it('says only what the State, Order and Price columns do not', () => {
    expect(levelWhy(level({ side: 'SELL', quantity: '0.0016', reason: 'open: SELL 0.0016 @ 63500' }))).toBe('')
    expect(levelWhy(level({ side: 'BUY', reason: 'open: BUY 0.002 @ 59700; 0.00001 below the minimum carried' }))).toBe('0.00001 below the minimum carried')
    expect(levelWhy(level({ phase: 'empty', side: null, quantity: null, reason: 'empty: its order filled' }))).toBe('its order filled')
    expect(levelWhy(level({ phase: 'empty', side: null, quantity: null, reason: 'waiting: BUY to place' }))).toBe('waiting: BUY to place')
    expect(levelWhy(level({ phase: 'placing', reason: 'placing: BUY 0.002' }))).toBe('')
  })
})

describe('fillMark', () => {
  const fill = (tradeId: string, quantity: string, timeMs: number): FillView => ({ tradeId, clientOrderId: 'c', level: 3, side: 'SELL', price: '60300.00000000', quantity, commission: '0.1', commissionAsset: 'USDT', timeMs, hedgedBy: 'x', coveredBy: null })

  it('marks an order at its time and fill price with its side and the quantity it traded', () => {
    const [group] = groupFills([fill('1', '0.00200000', 1_000)])
    expect(group && fillMark(group, 5)).toEqual({ timeMs: 1_000, side: 'SELL', price: '60300.00000000', text: 'S 0.00200' })
  })

  it('shows the quantity at the symbol precision, never rounded away to zero', () => {
    const [group] = groupFills([fill('1', '0.00001000', 1_000), fill('2', '0.00001000', 1_001)])
    expect(group && fillMark(group, 3)).toEqual({ timeMs: 1_001, side: 'SELL', price: '60300.00000000', text: 'S 0.00002' })
  })
})

describe('statusText', () => {
  it('says what each status means for the person', () => {
    expect(statusText('stopped')).toBe('Stopped: resume to trade again')
    expect(statusText('emergency')).toMatch(/^EMERGENCY/)
    expect(statusText('failed')).toBe('Did not start: read the incident; resume to try again')
  })
})
