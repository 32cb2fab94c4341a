import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { BalanceBook } from './balance-book'

const d = (value: string) => new Decimal(value)
const text = (book: BalanceBook, asset: string) => {
  const balance = book.balance(asset)
  return `${balance.free.toFixed()}/${balance.locked.toFixed()}`
}

describe('BalanceBook', () => {
  it('locks, unlocks, spends and credits exactly', () => {
    const book = new BalanceBook({ USDT: d('100') }, 0)
    book.lock('USDT', d('30.1'), 1)
    expect(text(book, 'USDT')).toBe('69.9/30.1')
    book.spendLocked('USDT', d('10.05'), 2)
    book.unlock('USDT', d('0.05'), 2)
    expect(text(book, 'USDT')).toBe('69.95/20')
    book.credit('BTC', d('0.1'), 3)
    book.spendFree('BTC', d('0.04'), 3)
    expect(text(book, 'BTC')).toBe('0.06/0')
    expect(book.updatedAtMs()).toBe(3)
  })

  it('reports the assets changed since the last call, once', () => {
    const book = new BalanceBook({ USDT: d('100'), BTC: d('1') }, 0)
    book.lock('USDT', d('1'), 1)
    expect(book.takeChanged().map((balance) => balance.asset)).toEqual(['USDT'])
    expect(book.takeChanged()).toEqual([])
  })

  it('throws rather than let a balance go negative', () => {
    const book = new BalanceBook({ USDT: d('1') }, 0)
    expect(() => book.lock('USDT', d('1.01'), 1)).toThrow(/invariant/)
    expect(() => book.spendLocked('USDT', d('0.01'), 1)).toThrow(/invariant/)
    expect(text(book, 'USDT')).toBe('1/0')
  })

  it('refuses a negative starting balance', () => {
    expect(() => new BalanceBook({ USDT: d('-1') }, 0)).toThrow(RangeError)
  })
})
