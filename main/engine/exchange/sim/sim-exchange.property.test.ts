import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { isExchangeRejectedError } from '../errors/exchange-rejected-error'
import { isOrderNotFoundError } from '../errors/order-not-found-error'
import { venueOrderId, tradeId } from '../port/identifiers'
import type { OrderStatusReport } from '../port/order-report'
import type { OrderSide } from '../rules'
import type { SimExchange } from './sim-exchange'
import { cid, leg, simSetup } from './stubs'

// Small enough that random orders often run out of funds
const START = { USDT: '150', BTC: '0.8' }
const side = fc.constantFrom<OrderSide>('BUY', 'SELL')
const cents = (min: number, max: number) => fc.integer({ min, max }).map((value) => new Decimal(value).div(100))
const lots = (min: number, max: number) => fc.integer({ min, max }).map((value) => new Decimal(value).div(100_000))

/** One step of a random session; prices of orders are offsets from the last price, so many are valid. */
const step = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('limit' as const), side, offset: cents(-800, 800), quantity: lots(3000, 30_000), ioc: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('maker' as const), side, offset: cents(-300, 800), quantity: lots(3000, 30_000) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('market' as const), side, quantity: lots(3000, 30_000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('market-quote' as const), side, amount: cents(100, 5000) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('stop' as const),
      type: fc.constantFrom('STOP_LOSS' as const, 'STOP_LOSS_LIMIT' as const, 'TAKE_PROFIT' as const, 'TAKE_PROFIT_LIMIT' as const),
      side,
      offset: cents(1, 800),
      limitOffset: cents(-300, 300),
      quantity: lots(3000, 30_000)
    })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('oco' as const),
      side,
      profit: cents(1, 800),
      loss: cents(1, 800),
      limitOffset: cents(0, 300),
      quantity: lots(3000, 30_000),
      stopAtMarket: fc.boolean(),
      takeProfitLimit: fc.boolean()
    })
  },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('trade' as const), price: cents(9000, 11_000), quantity: lots(0, 50_000) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), orderId: fc.integer({ min: 1, max: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel-all' as const) }) }
)
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never

async function apply(sim: SimExchange, action: Step, index: number): Promise<void> {
  const last = await sim.lastPrice('BTCUSDT')
  const id = cid(`s${index}`)
  switch (action.kind) {
    case 'limit':
      await sim.placeOrder({ symbol: 'BTCUSDT', clientOrderId: id, side: action.side, type: 'LIMIT', timeInForce: action.ioc ? 'IOC' : 'GTC', price: last.add(action.offset), quantity: action.quantity })
      return
    case 'maker':
      await sim.placeOrder({ symbol: 'BTCUSDT', clientOrderId: id, side: action.side, type: 'LIMIT_MAKER', price: action.side === 'BUY' ? last.sub(action.offset) : last.add(action.offset), quantity: action.quantity })
      return
    case 'market':
      await sim.placeOrder({ symbol: 'BTCUSDT', clientOrderId: id, side: action.side, type: 'MARKET', quantity: action.quantity })
      return
    case 'market-quote':
      await sim.placeOrder({ symbol: 'BTCUSDT', clientOrderId: id, side: action.side, type: 'MARKET', quoteOrderQty: action.amount })
      return
    case 'stop': {
      const stopLossBuyOrTakeProfitSell = action.type.startsWith('STOP_LOSS') === (action.side === 'BUY')
      const stopPrice = stopLossBuyOrTakeProfitSell ? last.add(action.offset) : last.sub(action.offset)
      const isLimit = action.type.endsWith('_LIMIT')
      await sim.placeOrder({
        symbol: 'BTCUSDT',
        clientOrderId: id,
        side: action.side,
        type: action.type,
        stopPrice,
        quantity: action.quantity,
        ...(isLimit ? { price: stopPrice.add(action.limitOffset), timeInForce: 'GTC' as const } : {})
      })
      return
    }
    case 'oco': {
      const isSell = action.side === 'SELL'
      // A SELL takes profit above the price and stops out below it; a BUY the mirror image
      const profitPrice = isSell ? last.add(action.profit) : last.sub(action.profit)
      const stopPrice = isSell ? last.sub(action.loss) : last.add(action.loss)
      const stopLimit = (isSell ? stopPrice.sub(action.limitOffset) : stopPrice.add(action.limitOffset)).toFixed()
      const stopLeg = action.stopAtMarket
        ? leg('STOP_LOSS', `s${index}-sl`, { stopPrice: stopPrice.toFixed() })
        : leg('STOP_LOSS_LIMIT', `s${index}-sl`, { stopPrice: stopPrice.toFixed(), price: stopLimit })
      const profitLeg = action.takeProfitLimit
        ? leg('TAKE_PROFIT_LIMIT', `s${index}-tp`, { price: profitPrice.toFixed(), stopPrice: profitPrice.toFixed() })
        : leg('LIMIT_MAKER', `s${index}-tp`, { price: profitPrice.toFixed() })
      await sim.placeOcoList({
        symbol: 'BTCUSDT',
        listClientOrderId: id,
        side: action.side,
        quantity: action.quantity,
        above: isSell ? profitLeg : stopLeg,
        below: isSell ? stopLeg : profitLeg
      })
      return
    }
    case 'trade':
      sim.trade('BTCUSDT', action.price, action.quantity)
      return
    case 'cancel':
      await sim.cancelOrder({ symbol: 'BTCUSDT', orderId: venueOrderId(String(action.orderId)) })
      return
    case 'cancel-all':
      await sim.cancelAllOrders('BTCUSDT')
      return
  }
}

/** Returns the quote per unit a BUY locks: its limit price, or its stop price when it has none. */
function unitPrice(order: OrderStatusReport): Decimal {
  return order.price.isZero() ? (order.stopPrice as Decimal) : order.price
}

/** Returns what the open orders and lists should hold locked: per asset, from their own prices. */
async function expectedLocks(sim: SimExchange): Promise<Record<string, Decimal>> {
  const locks: Record<string, Decimal> = { USDT: new Decimal(0), BTC: new Decimal(0) }
  const add = (asset: string, amount: Decimal) => (locks[asset] = (locks[asset] as Decimal).add(amount))
  const lists = await sim.openOrderLists()
  const inOpenList = new Set(lists.flatMap((list) => list.orders.map((order) => order.orderId)))
  for (const list of lists) {
    const quantity = (list.orders[0] as { origQty: Decimal }).origQty
    if (list.orders[0]?.side === 'SELL') add('BTC', quantity)
    else add('USDT', quantity.mul(Decimal.max(...list.orders.map(unitPrice))))
  }
  for (const order of await sim.openOrders('BTCUSDT')) {
    if (inOpenList.has(order.orderId)) continue
    const remaining = order.origQty.sub(order.executedQty)
    if (order.side === 'SELL') add('BTC', remaining)
    else add('USDT', remaining.mul(unitPrice(order)))
  }
  return locks
}

describe('SimExchange properties', () => {
  it('keeps every balance exact and non-negative, and locks exactly what open orders need', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 60, size: 'max' }), async (steps) => {
        const { sim } = simSetup({ balances: START })
        for (const [index, action] of steps.entries()) {
          try {
            await apply(sim, action, index)
          } catch (error) {
            // Refusals are expected of random orders; anything else is a simulator bug
            if (!isExchangeRejectedError(error) && !isOrderNotFoundError(error)) throw error
          }
          const account = await sim.account()
          const locks = await expectedLocks(sim)
          for (const balance of account.balances.values()) {
            expect(balance.free.isNegative() || balance.locked.isNegative()).toBe(false)
            expect(balance.locked.toFixed()).toBe((locks[balance.asset] ?? new Decimal(0)).toFixed())
          }
        }

        const expected: Record<string, Decimal> = { USDT: new Decimal(START.USDT), BTC: new Decimal(START.BTC) }
        const fills = await sim.myTrades({ symbol: 'BTCUSDT', fromTradeId: tradeId('1'), limit: 1000 })
        for (const fill of fills) {
          const sign = fill.side === 'BUY' ? 1 : -1
          expected['BTC'] = (expected['BTC'] as Decimal).add(fill.quantity.mul(sign))
          expected['USDT'] = (expected['USDT'] as Decimal).sub(fill.quoteQuantity.mul(sign))
          expected[fill.commissionAsset] = (expected[fill.commissionAsset] as Decimal).sub(fill.commission)
        }
        const account = await sim.account()
        for (const asset of ['USDT', 'BTC']) {
          const balance = account.balances.get(asset)
          expect(balance?.free.add(balance.locked).toFixed()).toBe(expected[asset]?.toFixed())
        }
        if ((await sim.openOrders('BTCUSDT')).length > 0) await sim.cancelAllOrders('BTCUSDT')
        for (const balance of (await sim.account()).balances.values()) expect(balance.locked.isZero()).toBe(true)
      }),
      { numRuns: 100 }
    )
  })
})
