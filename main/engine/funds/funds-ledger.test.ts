import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import type { AccountSnapshot } from '../exchange/port/account'
import { FundsLedger, type LedgerFill } from './funds-ledger'
import { describeInsufficientFunds } from './insufficient-funds'

const d = (value: string) => new Decimal(value)

function snapshot(balances: Record<string, [string, string]>): AccountSnapshot {
  return {
    balances: new Map(Object.entries(balances).map(([asset, [free, locked]]) => [asset, { asset, free: d(free), locked: d(locked) }])),
    updatedAtMs: 0,
    canTrade: true
  }
}

function ledger(): FundsLedger {
  const funds = new FundsLedger(snapshot({ USDT: ['1000', '0'], BTC: ['1', '0'], BNB: ['1', '0'] }))
  funds.registerBot('a', { USDT: d('600'), BTC: d('0.5') })
  funds.registerBot('b', { USDT: d('400'), BTC: d('0.5') })
  return funds
}

const fill = (overrides: Partial<LedgerFill>): LedgerFill => ({
  side: 'BUY',
  baseAsset: 'BTC',
  quoteAsset: 'USDT',
  price: d('100'),
  quantity: d('1'),
  commission: d('0'),
  commissionAsset: 'BTC',
  ...overrides
})

const text = (value: Decimal) => value.toFixed()

describe('FundsLedger reservations', () => {
  it('lets a bot reserve up to its own share and no further', () => {
    const funds = ledger()
    expect(funds.reserve('i1', 'a', 'USDT', d('500')).ok).toBe(true)
    const refused = funds.reserve('i2', 'a', 'USDT', d('100.01'))
    expect(refused.ok ? 'reserved' : describeInsufficientFunds('a', refused.error)).toBe('bot a needs 100.01 USDT, has 100 available')
    expect(text(funds.available('a', 'USDT'))).toBe('100')
    expect(text(funds.available('b', 'USDT'))).toBe('400')
  })

  it('refuses what the account cannot pay even when the bot share could', () => {
    const funds = new FundsLedger(snapshot({ USDT: ['300', '0'] }))
    funds.registerBot('a', { USDT: d('600') })
    funds.registerBot('b', { USDT: d('400') })
    expect(funds.reserve('i1', 'a', 'USDT', d('200')).ok).toBe(true)
    const refused = funds.reserve('i2', 'b', 'USDT', d('150'))
    expect(refused.ok ? undefined : refused.error).toMatchObject({ scope: 'account', asset: 'USDT' })
    expect(refused.ok ? '' : text(refused.error.available)).toBe('100')
  })

  it('gives funds back when a reservation is released', () => {
    const funds = ledger()
    funds.reserve('i1', 'a', 'USDT', d('600'))
    funds.release('i1')
    expect(funds.isReserved('i1')).toBe(false)
    expect(funds.reserve('i2', 'a', 'USDT', d('600')).ok).toBe(true)
  })

  it('refuses a second reservation for one intent as a programming error', () => {
    const funds = ledger()
    funds.reserve('i1', 'a', 'USDT', d('1'))
    expect(() => funds.reserve('i1', 'a', 'USDT', d('1'))).toThrow('intent i1 already holds a reservation')
  })
})

describe('FundsLedger orders and fills', () => {
  it('moves an accepted order from reserved to locked, still unavailable to the bot', () => {
    const funds = ledger()
    funds.reserve('i1', 'a', 'USDT', d('200'))
    funds.orderAccepted('i1', 'c1', 'a', 'USDT', d('200'))
    expect([text(funds.accountFree('USDT')), text(funds.accountLocked('USDT'))]).toEqual(['800', '200'])
    expect(text(funds.available('a', 'USDT'))).toBe('400')
  })

  it('books a resting BUY filled in two parts with the commission taken in base', () => {
    const funds = ledger()
    funds.reserve('i1', 'a', 'USDT', d('200'))
    funds.orderAccepted('i1', 'c1', 'a', 'USDT', d('200'))
    funds.applyFill('c1', 'a', fill({ quantity: d('0.5'), orderPrice: d('100'), commission: d('0.0005') }))
    funds.applyFill('c1', 'a', fill({ quantity: d('1.5'), orderPrice: d('100'), commission: d('0.0015') }))
    funds.orderClosed('c1')
    expect([text(funds.accountFree('USDT')), text(funds.accountLocked('USDT')), text(funds.accountFree('BTC'))]).toEqual(['800', '0', '2.998'])
    expect([text(funds.owned('a', 'USDT')), text(funds.owned('a', 'BTC'))]).toEqual(['400', '2.498'])
    expect(text(funds.owned('b', 'BTC'))).toBe('0.5')
  })

  it('frees the difference when a BUY fills below its limit price', () => {
    const funds = ledger()
    funds.reserve('i1', 'a', 'USDT', d('101'))
    funds.orderAccepted('i1', 'c1', 'a', 'USDT', d('101'))
    funds.applyFill('c1', 'a', fill({ price: d('99.5'), orderPrice: d('101') }))
    funds.orderClosed('c1')
    expect([text(funds.accountFree('USDT')), text(funds.accountLocked('USDT'))]).toEqual(['900.5', '0'])
  })

  it('books a SELL from its locked base, the commission in quote', () => {
    const funds = ledger()
    funds.reserve('i1', 'a', 'BTC', d('0.5'))
    funds.orderAccepted('i1', 'c1', 'a', 'BTC', d('0.5'))
    funds.applyFill('c1', 'a', fill({ side: 'SELL', quantity: d('0.5'), commission: d('0.05'), commissionAsset: 'USDT' }))
    funds.orderClosed('c1')
    expect([text(funds.accountFree('BTC')), text(funds.accountLocked('BTC')), text(funds.accountFree('USDT'))]).toEqual(['0.5', '0', '1049.95'])
    expect([text(funds.owned('a', 'BTC')), text(funds.owned('a', 'USDT'))]).toEqual(['0', '649.95'])
  })

  it('books a MARKET BUY straight from free quote, and a BNB commission from BNB', () => {
    const funds = ledger()
    funds.reserve('i1', 'a', 'USDT', d('110'))
    funds.orderAccepted('i1', 'c1', 'a', 'USDT', d('0'))
    funds.applyFill('c1', 'a', fill({ price: d('105'), commission: d('0.01'), commissionAsset: 'BNB' }))
    funds.orderClosed('c1')
    expect([text(funds.accountFree('USDT')), text(funds.accountFree('BTC')), text(funds.accountFree('BNB'))]).toEqual(['895', '2', '0.99'])
    expect(funds.isReserved('i1')).toBe(false)
  })

  it('returns the unfilled part of a cancelled order to free', () => {
    const funds = ledger()
    funds.reserve('i1', 'a', 'USDT', d('300'))
    funds.orderAccepted('i1', 'c1', 'a', 'USDT', d('300'))
    funds.applyFill('c1', 'a', fill({ quantity: d('1'), orderPrice: d('100') }))
    funds.orderClosed('c1')
    expect([text(funds.accountFree('USDT')), text(funds.accountLocked('USDT'))]).toEqual(['900', '0'])
    expect(text(funds.available('a', 'USDT'))).toBe('500')
  })
})

describe('FundsLedger against the exchange', () => {
  it('reports each asset where booked and exchange balances differ, and adopts the exchange', () => {
    const funds = ledger()
    const exchange = snapshot({ USDT: ['1000', '0'], BTC: ['0.9', '0.1'], BNB: ['1', '0'], ETH: ['2', '0'] })
    expect(funds.compare(exchange).map((drift) => drift.asset)).toEqual(['BTC', 'ETH'])
    funds.adopt(exchange)
    expect(funds.compare(exchange)).toEqual([])
  })
})
