import { describe, expect, it } from 'vitest'
import { botConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import { describeExit, riskTrigger } from './risk-trigger'

const base = { id: 'b1', symbol: 'BTCUSDT', grid: { lower: '55000', upper: '65000', grids: 10, investment: '1000' } }
const risk = botConfig({ ...base, risk: { stopLoss: '54000', takeProfit: '66000', stopOutcome: 'sell-all' } }).risk
const d = (value: string) => new Decimal(value)

describe('riskTrigger', () => {
  it('fires at and beyond each level, and not between them', () => {
    expect(riskTrigger(d('54000'), risk)).toBe('stop-loss')
    expect(riskTrigger(d('53999.99'), risk)).toBe('stop-loss')
    expect(riskTrigger(d('54000.01'), risk)).toBeUndefined()
    expect(riskTrigger(d('65999.99'), risk)).toBeUndefined()
    expect(riskTrigger(d('66000'), risk)).toBe('take-profit')
  })

  it('never fires without levels', () => {
    expect(riskTrigger(d('1'), botConfig(base).risk)).toBeUndefined()
  })

  it('says what happened and what the outcome is', () => {
    expect(describeExit('stop-loss', d('53990'), risk)).toBe('stop-loss 54000 reached at 53990: orders cancelled, all base sold')
  })
})
