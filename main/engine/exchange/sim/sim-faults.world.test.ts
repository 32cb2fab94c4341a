import { describe, expect, it } from 'vitest'
import { PLACEMENT_REJECTS } from './sim-fault-rates'
import { SimFaults } from './sim-faults'
import { cid, d, describeEvents, limit, market, sellOco, simRules, simSetup, outcome } from './stubs'

describe('the random reject mix', () => {
  it('refuses placements with Binance’s own non-retryable codes and texts, several kinds, placing nothing', async () => {
    const { sim } = simSetup({ faults: { placeRejectMixRate: 1 }, seed: 6 })
    const seen = new Set<string>()
    for (let index = 0; index < 200; index += 1) seen.add(await outcome(sim.placeOrder(limit('BUY', '99', '0.1', `o${index}`))))
    const known = new Set(PLACEMENT_REJECTS.map((reject) => `ExchangeRejectedError ${reject.code} ${reject.message}`))
    expect([...seen].every((entry) => known.has(entry))).toBe(true)
    expect(seen.size).toBe(PLACEMENT_REJECTS.length)
    expect(new Set([...seen].map((entry) => entry.split(' ')[1]))).toEqual(new Set(['-2010', '-1013', '-1111']))
    expect(await sim.openOrders('BTCUSDT')).toEqual([])
    expect(sim.faults.stats()).toMatchObject({ placeRejectedMix: 200, placeRejected: 0 })
  })

  it('refuses an order without a price only with refusals that do not name a price', async () => {
    const { sim } = simSetup({ faults: { placeRejectMixRate: 1 }, seed: 7 })
    const seen = new Set<string>()
    for (let index = 0; index < 100; index += 1) seen.add(await outcome(sim.placeOrder(market('BUY', '0.1', `m${index}`))))
    const priceFree = PLACEMENT_REJECTS.filter((reject) => reject.needsPrice !== true).map((reject) => `ExchangeRejectedError ${reject.code} ${reject.message}`)
    expect(seen).toEqual(new Set(priceFree))
  })

  it('draws from its own generator: turning it on leaves the other placement faults as the seed made them', () => {
    const kinds = (faults: SimFaults) => Array.from({ length: 300 }, () => faults.placementFault()?.kind ?? 'none')
    const plain = kinds(new SimFaults({ rateLimitRate: 0.2, timeoutAfterAcceptRate: 0.2 }, 12))
    const mixed = kinds(new SimFaults({ rateLimitRate: 0.2, timeoutAfterAcceptRate: 0.2, placeRejectMixRate: 0.3 }, 12))
    expect(mixed.map((kind, index) => (kind === 'reject-mix' ? plain[index] : kind))).toEqual(plain)
    expect(mixed.filter((kind) => kind === 'reject-mix').length).toBeGreaterThan(40)
  })
})

describe('world events on public trades', () => {
  it('refuses world rates that add up past 1, and a gap of 100 % or more', () => {
    expect(() => new SimFaults({ handTradeRate: 0.6, externalCancelRate: 0.6 })).toThrow(RangeError)
    expect(() => new SimFaults({ gapPercent: 1 })).toThrow(RangeError)
    expect(() => new SimFaults({ timestampBurstMs: -1 })).toThrow(RangeError)
  })

  it('draws each kind at about its rate', () => {
    const faults = new SimFaults({ exchangeExpireRate: 0.1, externalCancelRate: 0.1, handTradeRate: 0.1, forgetOrderRate: 0.1, symbolBreakRate: 0.1, rulesChangeRate: 0.1, gapRate: 0.1 }, 21)
    const kinds = Array.from({ length: 7000 }, () => faults.worldEvent()?.kind ?? 'none')
    for (const kind of ['exchange-expire', 'external-cancel', 'hand-trade', 'forget-order', 'symbol-break', 'rules-change', 'gap', 'none']) {
      const share = kinds.filter((entry) => entry === kind).length / kinds.length
      expect(share).toBeGreaterThan(kind === 'none' ? 0.27 : 0.08)
      expect(share).toBeLessThan(kind === 'none' ? 0.33 : 0.12)
    }
  })

  it('expires and forgets orders of ours at random, counted', async () => {
    const { sim } = simSetup({ faults: { exchangeExpireRate: 1 } })
    await sim.placeOrder(limit('BUY', '90', '0.1', 'a'))
    sim.trade('BTCUSDT', d('100'), d('1'))
    const report = await sim.queryOrder({ symbol: 'BTCUSDT', clientOrderId: cid('a') })
    expect([report.status, report.expiryReason]).toEqual(['EXPIRED', 'EXCHANGE_CANCELED'])
    sim.faults.configure({ exchangeExpireRate: 0, forgetOrderRate: 1 })
    sim.trade('BTCUSDT', d('100'), d('1'))
    expect(await sim.allOrders({ symbol: 'BTCUSDT' })).toEqual([])
    expect(sim.faults.stats()).toMatchObject({ exchangeExpiries: 1, ordersForgotten: 1 })
  })

  it('never forgets the other leg of an order list one leg of which traded (the two go together, and a trade is never forgotten)', async () => {
    const { sim } = simSetup({ faults: { forgetOrderRate: 1 } })
    // The take-profit leg fills, the stop leg expires with nothing traded
    await sim.placeOcoList(sellOco('0.5', '110', '95', '94'))
    sim.trade('BTCUSDT', d('111'), d('1'))
    for (let round = 0; round < 5; round += 1) sim.trade('BTCUSDT', d('105'), d('1'))
    expect((await sim.allOrders({ symbol: 'BTCUSDT' })).map((order) => `${order.clientOrderId} ${order.status}`).sort()).toEqual(['oco1-sl EXPIRED', 'oco1-tp FILLED'])
    expect((await sim.myTrades({ symbol: 'BTCUSDT' })).map((trade) => trade.quantity.toFixed())).toEqual(['0.5'])
    expect(sim.faults.stats().ordersForgotten).toBe(0)
  })
})

describe('determinism of the harsher world', () => {
  async function chaosRun(seed: number): Promise<string[]> {
    const { sim, events, clock } = simSetup({
      seed,
      rules: simRules({ btc: { defaultSelfTradePreventionMode: 'EXPIRE_MAKER', allowedSelfTradePreventionModes: ['EXPIRE_MAKER'] } }),
      balances: { USDT: '10000', BTC: '1', BNB: '5' },
      commission: { bnbPrices: { USDT: '500' } },
      faults: {
        placeRejectMixRate: 0.1,
        timestampBurstRate: 0.02,
        timestampBurstMs: 500,
        thinBookRate: 0.5,
        exchangeExpireRate: 0.03,
        externalCancelRate: 0.03,
        handTradeRate: 0.1,
        forgetOrderRate: 0.02,
        symbolBreakRate: 0.02,
        symbolBreakMs: 300,
        rulesChangeRate: 0.01,
        gapRate: 0.03,
        bnbCommissionRate: 0.5
      }
    })
    const log: string[] = []
    for (let index = 0; index < 60; index += 1) {
      const buy = index % 2 === 0
      log.push(await outcome(sim.placeOrder(index % 5 === 0 ? market(buy ? 'BUY' : 'SELL', '0.06', `o${index}`) : limit(buy ? 'BUY' : 'SELL', buy ? '99.5' : '100.5', '0.06', `o${index}`))))
      sim.trade('BTCUSDT', d(index % 3 === 0 ? '99.5' : '100.5'), d('0.07'))
      if (index % 4 === 3) log.push(await outcome(sim.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: cid(`o${index - 2}`) })))
      await clock.advance(100)
    }
    await clock.advance(1000)
    return [...log, ...describeEvents(events).map((line) => line), JSON.stringify(sim.faults.stats())]
  }

  it('replays the same run for the same seed and another run for another seed', async () => {
    const first = await chaosRun(31)
    expect(await chaosRun(31)).toEqual(first)
    expect(await chaosRun(32)).not.toEqual(first)
    const stats = JSON.parse(first[first.length - 1] as string) as Record<string, number>
    expect(stats['handOrdersPlaced']).toBeGreaterThan(0)
    expect(stats['thinBookTakes']).toBeGreaterThan(0)
  })
})
