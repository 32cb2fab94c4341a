import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { orderIdFor, parseOrderId } from './client-order-ids'

describe('client order ids', () => {
  it('encodes bot, level, side and cycle, and reads them back', () => {
    expect(orderIdFor('b1', { kind: 'level', level: 12, side: 'BUY' }, 7)).toBe('gk-b1-12B-7')
    expect(parseOrderId('gk-b1-12B-7')).toEqual({ botId: 'b1', tag: { kind: 'level', level: 12, side: 'BUY' }, cycle: 7 })
    expect(orderIdFor('b1', { kind: 'emergency' }, 1)).toBe('gk-b1-E-1')
    expect(parseOrderId('gk-b1-E-1')?.tag).toEqual({ kind: 'emergency' })
  })

  it('does not claim ids of other tools', () => {
    for (const id of ['x-U5D79M5B1234567890', 'web_1a2b3c', 'gk-b1-12Q-7', 'gk--1B-1', 'gk-b1-12B-0x1']) expect(parseOrderId(id)).toBeUndefined()
  })

  it('keeps every id inside Binance\'s pattern and 36 characters, and round-trips', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9]{1,8}$/),
        fc.integer({ min: 0, max: 9999 }),
        fc.constantFrom('BUY' as const, 'SELL' as const),
        fc.integer({ min: 1, max: 999_999_999 }),
        (botId, level, side, cycle) => {
          const id = orderIdFor(botId, { kind: 'level', level, side }, cycle)
          expect(id).toMatch(/^[A-Za-z0-9_-]{1,36}$/)
          expect(parseOrderId(id)).toEqual({ botId, tag: { kind: 'level', level, side }, cycle })
        }
      )
    )
  })

  it('refuses values that would break the pattern', () => {
    expect(() => orderIdFor('bot-1', { kind: 'manual' }, 1)).toThrow('bot id "bot-1" must be 1 to 8 letters or digits')
    expect(() => orderIdFor('b1', { kind: 'manual' }, 0)).toThrow('cycle 0 is out of range')
  })
})
