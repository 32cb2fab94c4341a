import { describe, expect, it } from 'vitest'
import { botConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import type { Exchange } from '../exchange/port/exchange'
import { BOT_ID, GridWorld, SYMBOL, TRADER_CONFIG } from '../grid/trader/stubs'
import { tradeBase, type BaseTradeSettings } from './trade-base'

/** The base trade settings of a configuration that sets only these. */
function settings(overrides: Partial<BaseTradeSettings> = {}): BaseTradeSettings {
  return botConfig({ ...TRADER_CONFIG, baseTrades: overrides }).baseTrades
}

/** An engine with the bot's share (1,000 USDT and 0.01 BTC) at 60,000, and a book that may lag the market. */
async function setUp(book: (exchange: Exchange) => Exchange['bookTicker'] = (exchange) => (symbol) => exchange.bookTicker(symbol)) {
  const world = new GridWorld()
  const running = await world.bootEngine()
  const now = world.clock.nowMs()
  running.journal.saveBot({ botId: BOT_ID, symbol: SYMBOL, configJson: JSON.stringify(TRADER_CONFIG), status: 'running', createdAtMs: now, updatedAtMs: now })
  world.registerShare(running)
  const exchange: Exchange = { ...running.exchange, bookTicker: book(running.exchange) }
  const { engine, journal, logger } = running
  const deps = { botId: BOT_ID, symbol: SYMBOL, exchange, journal, clock: world.clock, logger, gateway: engine.gateway, tracker: engine.tracker, rules: engine.rules }
  const orders = async () => (await world.sim.allOrders({ symbol: SYMBOL })).map((order) => `${order.side} ${order.type} ${order.origQty.toFixed()}@${order.type === 'MARKET' ? 'market' : order.price.toFixed()} ${order.status} ${order.executedQty.toFixed()}`)
  return { world, running, deps, orders }
}

/** A book that lags the market by 1,000 on each side: a LIMIT at its touch rests until something trades there. */
const laggingBook = (exchange: Exchange) => async (symbol: string) => {
  const { bid, ask } = await exchange.bookTicker(symbol)
  return { bid: bid.add(1_000), ask: ask.sub(1_000) }
}

describe('tradeBase', () => {
  it('uses one MARKET order where the symbol allows it and the settings want it', async () => {
    const { world, deps, orders } = await setUp()
    const outcome = await world.run(tradeBase(deps, { side: 'BUY', quantity: new Decimal('0.003'), purpose: 'rebalance', settings: settings() }))
    expect(await orders()).toEqual(['BUY MARKET 0.003@market FILLED 0.003'])
    expect([outcome.method, outcome.filled.toFixed(), outcome.filledQuote.toFixed(), outcome.unfilled.toFixed(), outcome.shortfall]).toEqual(['MARKET', '0.003', '180', '0', null])
  })

  it('uses a LIMIT at the touch when MARKET is off: a BUY at the best ask, a SELL at the best bid, the offset in ticks beyond', async () => {
    const { world, deps, orders } = await setUp()
    const limits = settings({ useMarketOrders: false, priceOffsetTicks: 2 })
    const bought = await world.run(tradeBase(deps, { side: 'BUY', quantity: new Decimal('0.002'), purpose: 'acquire', settings: limits }))
    const sold = await world.run(tradeBase(deps, { side: 'SELL', quantity: new Decimal('0.001'), purpose: 'exit', settings: limits }))
    // The simulator's book is one tick around 60,000; the orders cross it and take at the last price
    expect(await orders()).toEqual(['BUY LIMIT 0.002@60000.03 FILLED 0.002', 'SELL LIMIT 0.001@59999.97 FILLED 0.001'])
    expect([bought.method, bought.filled.toFixed(), sold.filled.toFixed(), sold.shortfall]).toEqual(['LIMIT', '0.002', '0.001', null])
  })

  it('re-prices every configured interval until filled: the unfilled rest of a partly filled LIMIT is cancelled and placed again at the touch', async () => {
    let lagging = true
    const { world, deps, orders } = await setUp((exchange) => async (symbol) => (lagging ? laggingBook(exchange)(symbol) : exchange.bookTicker(symbol)))
    const trading = tradeBase(deps, { side: 'BUY', quantity: new Decimal('0.003'), purpose: 'rebalance', settings: settings({ useMarketOrders: false, repriceIntervalMs: 7_000 }) })
    await world.quiesce(4)
    // Someone sells 0.001 at the resting BUY's price; the market has moved there
    world.sim.trade(SYMBOL, new Decimal('59000.01'), new Decimal('0.001'))
    lagging = false
    const outcome = await world.run(trading)
    expect(await orders()).toEqual(['BUY LIMIT 0.003@59000.01 CANCELED 0.001', 'BUY LIMIT 0.002@59000.02 FILLED 0.002'])
    expect([outcome.filled.toFixed(), outcome.orders.length, outcome.shortfall]).toEqual(['0.003', 2, null])
    const [first, second] = await world.sim.allOrders({ symbol: SYMBOL })
    // The second order waited out the configured interval, not a built-in one
    expect((second?.createdAtMs ?? 0) - (first?.createdAtMs ?? 0)).toBeGreaterThanOrEqual(7_000)
    expect((second?.createdAtMs ?? 0) - (first?.createdAtMs ?? 0)).toBeLessThan(8_000)
  })

  it('stops when its attempts are spent: every order cancelled, nothing left reserved, the rest reported', async () => {
    const { world, running, deps, orders } = await setUp(laggingBook)
    const outcome = await world.run(tradeBase(deps, { side: 'BUY', quantity: new Decimal('0.003'), purpose: 'rebalance', settings: settings({ useMarketOrders: false, attempts: 3 }) }))
    expect(await orders()).toEqual(Array(3).fill('BUY LIMIT 0.003@59000.01 CANCELED 0'))
    expect([outcome.filled.toFixed(), outcome.unfilled.toFixed()]).toEqual(['0', '0.003'])
    expect(outcome.shortfall).toBe('0.003 BTC untraded after 3 order(s); the last order, at 59000.01, did not fill')
    expect(await world.sim.openOrders(SYMBOL)).toEqual([])
    const ledger = running.engine.ledger
    expect(ledger.available(BOT_ID, 'USDT').toFixed()).toBe(ledger.owned(BOT_ID, 'USDT').toFixed())
  })

  it('leaves a rest below the exchange smallest order, and says so; a trade that small sends nothing', async () => {
    let lagging = true
    const { world, deps, orders } = await setUp((exchange) => async (symbol) => (lagging ? laggingBook(exchange)(symbol) : exchange.bookTicker(symbol)))
    const trading = tradeBase(deps, { side: 'BUY', quantity: new Decimal('0.0002'), purpose: 'rebalance', settings: settings({ useMarketOrders: false }) })
    await world.quiesce(4)
    world.sim.trade(SYMBOL, new Decimal('59000.01'), new Decimal('0.00015'))
    lagging = false
    const outcome = await world.run(trading)
    expect(await orders()).toEqual(['BUY LIMIT 0.0002@59000.01 CANCELED 0.00015'])
    expect(outcome.shortfall).toBe("the rest, 0.00005 BTC, is below the exchange's smallest order")
    const tiny = await world.run(tradeBase(deps, { side: 'SELL', quantity: new Decimal('0.00005'), purpose: 'exit', settings: settings() }))
    expect([tiny.orders.length, tiny.filled.toFixed()]).toEqual([0, '0'])
  })

  it('prices at the last price, rounded to the tick against itself, when the book cannot be read', async () => {
    const { world, deps, orders } = await setUp(() => () => Promise.reject(new Error('book unavailable')))
    world.sim.trade(SYMBOL, new Decimal('60000.005'), new Decimal('0'))
    const limits = settings({ useMarketOrders: false })
    await world.run(tradeBase(deps, { side: 'BUY', quantity: new Decimal('0.001'), purpose: 'acquire', settings: limits }))
    await world.run(tradeBase(deps, { side: 'SELL', quantity: new Decimal('0.001'), purpose: 'exit', settings: limits }))
    expect(await orders()).toEqual(['BUY LIMIT 0.001@60000.01 FILLED 0.001', 'SELL LIMIT 0.001@60000 FILLED 0.001'])
  })
})
