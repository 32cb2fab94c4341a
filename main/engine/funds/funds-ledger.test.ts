import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import type { AccountSnapshot } from '../exchange/port/account'
import { FundsLedger } from './funds-ledger'
import { describeInsufficientFunds } from './insufficient-funds'

const d = (value: string) => new Decimal(value)
const text = (value: Decimal) => value.toFixed()

function snapshot(balances: Record<string, [string, string]>): AccountSnapshot {
  return {
    balances: new Map(Object.entries(balances).map(([asset, [free, locked]]) => [asset, { asset, free: d(free), locked: d(locked) }])),
    updatedAtMs: 0,
    canTrade: true
  }
}

function ledger(): FundsLedger {
  const funds = new FundsLedger(snapshot({ USDT: ['1000', '0'], BTC: ['1', '0'] }))
  funds.registerBot('a', { USDT: d('600'), BTC: d('0.5') })
  funds.registerBot('b', { USDT: d('400'), BTC: d('0.5') })
  return funds
}

describe('FundsLedger reservations', () => {
  it('lets a bot reserve up to its own share and no further', () => {
    const funds = ledger()
    expect(funds.reserve('i1', 'a', 'USDT', d('500')).ok).toBe(true)
    const refused = funds.reserve('i2', 'a', 'USDT', d('100.01'))
    expect(refused.ok ? 'reserved' : describeInsufficientFunds('a', refused.error)).toBe('bot a needs 100.01 USDT, has 100 available')
    expect([text(funds.available('a', 'USDT')), text(funds.available('b', 'USDT'))]).toEqual(['100', '400'])
  })

  it('refuses what the account cannot pay even when the bot share could', () => {
    const funds = new FundsLedger(snapshot({ USDT: ['300', '0'] }))
    funds.registerBot('a', { USDT: d('600') })
    funds.registerBot('b', { USDT: d('400') })
    expect(funds.reserve('i1', 'a', 'USDT', d('200')).ok).toBe(true)
    const refused = funds.reserve('i2', 'b', 'USDT', d('150'))
    expect(refused.ok ? undefined : { scope: refused.error.scope, available: text(refused.error.available) }).toEqual({ scope: 'account', available: '100' })
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

describe('FundsLedger as the exchange takes an order', () => {
  it('keeps an accepted order counted once, for the bot by its lock and for the account until balances show it', () => {
    const funds = ledger()
    funds.reserve('i1', 'a', 'USDT', d('200'))
    funds.markAccepted('i1', 5, 'event')
    funds.setOrderLock('i1', 'a', 'USDT', d('200'))
    expect(text(funds.available('a', 'USDT'))).toBe('400')
    // Stale balances observed before the acceptance change nothing
    funds.observeBalances([{ asset: 'USDT', free: d('1000'), locked: d('0') }], 4)
    expect(funds.isReserved('i1')).toBe(true)
    expect(text(funds.available('b', 'USDT'))).toBe('400')
    funds.observeBalances([{ asset: 'USDT', free: d('800'), locked: d('200') }], 6)
    expect(funds.isReserved('i1')).toBe(false)
    expect([text(funds.available('a', 'USDT')), text(funds.available('b', 'USDT'))]).toEqual(['400', '400'])
  })

  it('never lets two intents spend one coin while balances lag', () => {
    const funds = new FundsLedger(snapshot({ USDT: ['300', '0'] }))
    funds.registerBot('a', { USDT: d('300') })
    funds.registerBot('b', { USDT: d('300') })
    funds.reserve('i1', 'a', 'USDT', d('200'))
    funds.markAccepted('i1', 1, 'response')
    funds.setOrderLock('i1', 'a', 'USDT', d('200'))
    // A balances event after a response-only sighting may predate the order: it releases nothing
    funds.observeBalances([{ asset: 'USDT', free: d('300'), locked: d('0') }], 2)
    expect(funds.reserve('i2', 'b', 'USDT', d('150')).ok).toBe(false)
    funds.observeSnapshot(snapshot({ USDT: ['100', '200'] }), 3)
    expect(funds.isReserved('i1')).toBe(false)
    expect(text(funds.available('b', 'USDT'))).toBe('100')
  })

  it('derives a bot share from its fills and open-order locks', () => {
    const funds = ledger()
    funds.addToBot('a', 'USDT', d('-100'))
    funds.addToBot('a', 'BTC', d('0.999'))
    funds.setOrderLock('s1', 'a', 'BTC', d('0.4'))
    expect([text(funds.owned('a', 'BTC')), text(funds.lockedBy('a', 'BTC')), text(funds.available('a', 'BTC'))]).toEqual(['1.499', '0.4', '1'])
    funds.clearOrderLock('s1')
    expect(text(funds.lockedBy('a', 'BTC'))).toBe('0')
  })

  it('refuses to serve a bot it was never given', () => {
    expect(() => ledger().available('zz', 'USDT')).toThrow('bot zz has no share in the funds ledger')
  })
})

describe('FundsLedger: what no bot claims', () => {
  it('is the free balance less every bot share not locked in an order and less pending reservations', () => {
    const funds = new FundsLedger(snapshot({ USDT: ['10000', '500'] }))
    funds.registerBot('a', { USDT: new Decimal('3000') })
    funds.registerBot('b', { USDT: new Decimal('1000') })
    // b has 500 in an open order (locked on the exchange, not in the free balance)
    funds.setOrderLock('b-1', 'b', 'USDT', new Decimal('500'))
    expect(funds.unclaimed('USDT').toFixed()).toBe('6500')
    expect(funds.reserve('i1', 'a', 'USDT', new Decimal('200')).ok).toBe(true)
    expect(funds.unclaimed('USDT').toFixed()).toBe('6500')
    expect(funds.unclaimed('BTC').toFixed()).toBe('0')
  })
})
