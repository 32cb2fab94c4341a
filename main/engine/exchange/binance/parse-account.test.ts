import { describe, expect, it } from 'vitest'
import events from './fixtures/user-events.json'
import account from './fixtures/account.json'
import { parseAccount } from './parse-account'
import { parseBalancesEvent } from './parse-balances-event'

describe('parseAccount and parseBalancesEvent', () => {
  it('reads every balance of the account, zero ones included, with canTrade and the update time', () => {
    const snapshot = parseAccount(account.account)
    expect([...snapshot.balances.values()].map((balance) => [balance.asset, balance.free.toFixed(), balance.locked.toFixed()])).toEqual([
      ['USDT', '9950.5', '49.5'],
      ['BTC', '1', '0'],
      ['ETH', '0', '0']
    ])
    expect([snapshot.canTrade, snapshot.updatedAtMs]).toEqual([true, 1795893074703])
  })

  it('reads outboundAccountPosition as the balances that may have changed', () => {
    const event = parseBalancesEvent(events.balances)
    expect(event.type).toBe('balances')
    expect(event.eventTimeMs).toBe(1795893074780)
    expect(event.balances.map((balance) => `${balance.asset} ${balance.free.toFixed()} ${balance.locked.toFixed()}`)).toEqual(['USDT 9950.5 49.5', 'BTC 0.2 0'])
  })

  it('refuses an account without balances', () => {
    expect(() => parseAccount({ canTrade: true, updateTime: 1 })).toThrow(expect.objectContaining({ name: 'BinancePayloadError' }))
  })
})
