import { describe, expect, it } from 'vitest'
import type { FillView, LevelView } from '@shared/api'
import { fillMark, levelLine, statusText } from './selectors'

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

describe('fillMark', () => {
  it('marks a fill at its time and price with its side and quantity', () => {
    const fill: FillView = { tradeId: '1', clientOrderId: 'c', level: 3, side: 'SELL', price: '60300', quantity: '0.002', commission: '0.1', commissionAsset: 'USDT', timeMs: 1_000, hedgedBy: 'x' }
    expect(fillMark(fill)).toEqual({ timeMs: 1_000, side: 'SELL', price: '60300', text: 'S 0.002' })
  })
})

describe('statusText', () => {
  it('says what each status means for the person', () => {
    expect(statusText('stopped')).toBe('Stopped: resume to trade again')
    expect(statusText('emergency')).toMatch(/^EMERGENCY/)
    expect(statusText('failed')).toBe('Did not start: read the incident; resume to try again')
  })
})
