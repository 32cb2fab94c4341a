import { describe, expect, it } from 'vitest'
import type { Exchange } from '../port/exchange'
import { parseExchangeInfo } from './parse-exchange-info'
import { RulesSource } from './rules-source'
import { BTCUSDT_FILTERS, rawSymbol } from './stubs'

/** An exchange that answers exchangeInfo with a tick it is told, and counts the calls. */
function rulesExchange() {
  const state = { tick: '0.01000000', calls: 0 }
  const exchange = {
    exchangeInfo: async () => {
      state.calls += 1
      const filters = BTCUSDT_FILTERS.map((filter) => (filter.filterType === 'PRICE_FILTER' ? { ...filter, tickSize: state.tick } : filter))
      return parseExchangeInfo({ symbols: [rawSymbol(filters, { symbol: 'BTCUSDT', baseAsset: 'BTC' })] })
    }
  } as unknown as Exchange
  return { exchange, state }
}

describe('RulesSource', () => {
  it('fetches a symbol\'s rules again once they are older than allowed, and not before', async () => {
    const { exchange, state } = rulesExchange()
    let now = 1_000
    const rules = new RulesSource(exchange, () => now)
    await rules.refresh(['BTCUSDT'])
    expect(rules.get('BTCUSDT').filters.priceFilter?.tickSize.toFixed()).toBe('0.01')

    state.tick = '0.10000000'
    now += 59_999
    expect(await rules.refreshStale(['BTCUSDT'], 60_000)).toEqual([])
    expect(state.calls).toBe(1)
    expect(rules.get('BTCUSDT').filters.priceFilter?.tickSize.toFixed()).toBe('0.01')

    now += 1
    expect(await rules.refreshStale(['BTCUSDT'], 60_000)).toEqual(['BTCUSDT'])
    expect(state.calls).toBe(2)
    expect(rules.get('BTCUSDT').filters.priceFilter?.tickSize.toFixed()).toBe('0.1')
  })

  it('fetches a symbol it never fetched', async () => {
    const { exchange, state } = rulesExchange()
    const rules = new RulesSource(exchange, () => 0)
    expect(await rules.refreshStale(['BTCUSDT'], 3_600_000)).toEqual(['BTCUSDT'])
    expect(state.calls).toBe(1)
    expect(rules.has('BTCUSDT')).toBe(true)
  })
})
