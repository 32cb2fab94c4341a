import { describe, expect, it } from 'vitest'
import type { FillView } from '@shared/api'
import { groupFills } from './fill-groups'

const fill = (tradeId: string, clientOrderId: string, price: string, quantity: string, timeMs: number, more: Partial<FillView> = {}): FillView => ({
  tradeId,
  clientOrderId,
  level: 2,
  side: 'BUY',
  price,
  quantity,
  commission: '0.00000001',
  commissionAsset: 'BTC',
  timeMs,
  hedgedBy: null,
  coveredBy: null,
  ...more
})

describe('groupFills', () => {
  it('takes the many small fills of one order as one row, with its total and fees', () => {
    const fills = Array.from({ length: 40 }, (_, index) => fill(String(index), 'gk-a-1', '59700.00000000', '0.00001000', 1_000 + index, { hedgedBy: 'gk-a-2' }))
    const [group, ...rest] = groupFills(fills)
    expect(rest).toEqual([])
    expect(group).toMatchObject({ clientOrderId: 'gk-a-1', quantity: '0.0004', price: '59700.00000000', fillCount: 40, timeMs: 1_039, hedgedBy: ['gk-a-2'] })
    expect(group?.fees).toEqual([{ asset: 'BTC', amount: '0.0000004' }])
  })

  it('averages the price by quantity and puts the newest order first', () => {
    const groups = groupFills([fill('1', 'a', '100', '1', 1), fill('2', 'a', '110', '3', 2), fill('3', 'b', '90', '1', 5, { coveredBy: 'Kept as dust on level 2, too small for an order' })])
    expect(groups.map((group) => group.clientOrderId)).toEqual(['b', 'a'])
    expect(groups[1]?.price).toBe('107.5')
    expect(groups[0]?.coveredBy).toEqual(['Kept as dust on level 2, too small for an order'])
  })
})
