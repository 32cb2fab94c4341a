import { afterEach, describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import type { ExecutionEvent } from '../../main/engine/exchange/port/user-event'
import { parseExchangeInfo } from '../../main/engine/exchange/rules'
import { BTCUSDT_FILTERS, rawSymbol } from '../../main/engine/exchange/rules/stubs'
import { BOT_CONFIG } from '../engine/harness'
import { auditWorld, WORLD_BALANCES, type AuditWorld } from './audit-world'

// BTCUSDT whose orders take self-trade prevention DECREMENT: a match between two orders of the
// account takes the smaller rest out of both, and neither trades
const DECREMENT_RULES = parseExchangeInfo({
  symbols: [
    rawSymbol(BTCUSDT_FILTERS, {
      symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'],
      defaultSelfTradePreventionMode: 'DECREMENT', allowedSelfTradePreventionModes: ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH', 'DECREMENT']
    })
  ]
})

const worlds: AuditWorld[] = []
afterEach(() => {
  for (const created of worlds.splice(0)) created.dispose()
})

/** The person buys 0.001 BTC at market on the bot's account while the book is empty: their order meets the bot's SELL at 61,000 and both lose 0.001. */
async function personBuysIntoTheGrid(t: AuditWorld): Promise<string> {
  const sell = (await t.world.exchange.openOrders('BTCUSDT')).find((order) => order.price.eq('61000'))
  if (sell === undefined) throw new Error('no SELL at 61,000')
  t.world.exchange.world.thinBookNext('BTCUSDT', new Decimal(0))
  t.world.exchange.world.handPlace({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: new Decimal('0.001') })
  await t.world.quiesce()
  return sell.clientOrderId
}

describe('self-trade prevention taking part of a grid order out of the book', () => {
  it('is met by placing the level again for its whole unfilled quantity, and the audit finds the grid whole', async () => {
    const t = await auditWorld(BOT_CONFIG, WORLD_BALANCES, DECREMENT_RULES)
    worlds.push(t)
    const cutShort = await personBuysIntoTheGrid(t)
    const history = await t.world.exchange.allOrders({ symbol: 'BTCUSDT' })
    expect(history.find((order) => order.clientOrderId === cutShort)).toMatchObject({ status: 'CANCELED', preventedQuantity: new Decimal('0.001') })
    const level6 = (await t.world.exchange.openOrders('BTCUSDT')).filter((order) => order.price.eq('61000'))
    expect(level6.map((order) => order.origQty.toFixed())).toEqual(['0.00169'])
    expect(await t.audit()).toEqual([])
  })

  it('finds the grid short, and the ledger locking what the exchange freed, when the engine does not see the prevention', async () => {
    const t = await auditWorld(BOT_CONFIG, WORLD_BALANCES, DECREMENT_RULES)
    worlds.push(t)
    // The bug: the engine reads execution reports without their prevented quantity
    const tracker = t.engine.engine.tracker
    const real = tracker.applyExecution.bind(tracker)
    tracker.applyExecution = (event: ExecutionEvent) => real({ ...event, report: { ...event.report, preventedQuantity: undefined } } as ExecutionEvent)
    await personBuysIntoTheGrid(t)
    const lines = await t.audit()
    expect(lines).toEqual(
      expect.arrayContaining([
        'b1: the ledger locks 0.00817 BTC for its open orders, which hold 0.00717 on the exchange',
        expect.stringMatching(/^b1: gap 5–6 \(BUY@5 \/ SELL@6\) owes 0\.00169 .* holds 0\.00069 on the exchange/)
      ])
    )
  })
})
