import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { botConfig } from '@shared/config/bot-config'
import { parseOrderId } from '../../main/engine/grid/trader/client-order-ids'
import { BOT_CONFIG, SimWorld } from './harness'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/**
 * A bot configured with more than the account holds on both sides: 1,000 USDT and 0.01 BTC
 * promised, 300 USDT and 0.003 BTC there. Its BUYs and its SELLs both run short.
 */
function starvedWorld(useMarketOrders: boolean) {
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'deadlock-'))
  folders.push(folder)
  const world = new SimWorld(join(folder, 'journal.sqlite'), { balances: { USDT: '300', BTC: '0.003' } })
  const config = botConfig({
    ...BOT_CONFIG,
    grid: { ...BOT_CONFIG.grid, baseHeld: '0.01' },
    orders: { maxAttempts: 2, baseRetryDelayMs: 100, maxRetryDelayMs: 200, budgetMs: 5_000 },
    deadlock: { cooldownMs: 3_600_000 },
    baseTrades: { attempts: 3, repriceIntervalMs: 30_000, useMarketOrders }
  })
  return { world, config }
}

describe('deadlock', () => {
  it('diagnoses what each side lacks, rebalances at market, retries the grid, and waits out its cooldown across a restart', async () => {
    const { world, config } = starvedWorld(true)
    const { bot, journal } = await world.boot(config)
    expect(bot.trader.failedPlacements().map((intent) => intent.side).sort()).toEqual(expect.arrayContaining(['BUY', 'SELL']))
    // The diagnosis a person reads before a rebalance sends nothing and records nothing
    const ordersBefore = (await world.exchange.allOrders({ symbol: 'BTCUSDT' })).length
    const diagnosis = await world.run(bot.diagnoseDeadlock())
    expect(diagnosis?.message).toMatch(/^deadlock: BUYs need /)
    expect(diagnosis?.rebalance?.quantity.gt(0)).toBe(true)
    expect((await world.exchange.allOrders({ symbol: 'BTCUSDT' })).length).toBe(ordersBefore)
    expect(journal.listBotEvents('b1').some((event) => event.type === 'DeadlockFound')).toBe(false)
    expect(await world.run(bot.checkDeadlock())).toBe('rebalanced')
    await world.quiesce()
    const events = journal.listBotEvents('b1')
    const found = events.find((event) => event.type === 'DeadlockFound')
    expect(found?.message).toMatch(/^deadlock: BUYs need [\d.]+ USDT, [\d.]+ available; SELLs need [\d.]+ BTC, [\d.]+ available; rebalancing: (BUY|SELL) about [\d.]+ BTC$/)
    expect(events.find((event) => event.type === 'Rebalanced')?.message).toMatch(/^rebalanced: (BUY|SELL) [\d.]+ BTC; next check after the cooldown$/)
    const rebalances = (await world.exchange.allOrders({ symbol: 'BTCUSDT' })).filter((order) => parseOrderId(order.clientOrderId)?.tag.kind === 'rebalance')
    expect(rebalances.map((order) => [order.type, order.status])).toEqual([['MARKET', 'FILLED']])
    expect(await world.run(bot.checkDeadlock())).toBe('cooldown')
    world.crash()
    const restarted = await world.boot(config)
    expect(await world.run(restarted.bot.checkDeadlock())).toBe('cooldown')
  })

  it('keeps a failed placement owed until it is tried again, even after its level took a counter-order, and tries each once', async () => {
    const { world, config } = starvedWorld(true)
    const { bot, journal } = await world.boot(config)
    const failed = bot.trader.failedPlacements()
    expect(failed.length).toBeGreaterThan(0)
    // The level of a failed placement takes other work: the failed order is still owed
    const [first] = failed
    await world.run(bot.holdLevel(first?.level as number))
    await world.run(bot.releaseLevel(first?.level as number))
    expect(bot.trader.failedPlacements().map((intent) => intent.intentId)).toEqual(expect.arrayContaining(failed.map((intent) => intent.intentId)))
    expect(await world.run(bot.checkDeadlock())).toBe('rebalanced')
    for (const intent of failed) expect(journal.getIntent(intent.intentId)?.lastError).toMatch(/^tried again as gk-b1-/)
    expect(bot.trader.failedPlacements().map((intent) => intent.intentId)).not.toEqual(expect.arrayContaining([first?.intentId]))
  })

  it('waits exactly its configured cooldown after a rebalance, not a fixed hour', async () => {
    const { world, config } = starvedWorld(true)
    const ninetyMinutes = { ...config, deadlock: { ...config.deadlock, cooldownMs: 90 * 60_000 } }
    const { bot } = await world.boot(ninetyMinutes)
    expect(await world.run(bot.checkDeadlock())).toBe('rebalanced')
    const rebalancedAt = world.clock.nowMs()
    await world.clock.advance(rebalancedAt + 89 * 60_000 - world.clock.nowMs())
    expect(await world.run(bot.checkDeadlock())).toBe('cooldown')
    await world.clock.advance(2 * 60_000)
    expect(await world.run(bot.checkDeadlock())).not.toBe('cooldown')
  })

  it('rebalances with a LIMIT at the touch, re-priced each interval until its attempts are spent, when market orders are off', async () => {
    const { world, config } = starvedWorld(false)
    const { bot, journal } = await world.boot(config)
    // A book that lags the market: each LIMIT at its touch rests, waits one re-price interval and is cancelled
    const book = world.exchange.bookTicker.bind(world.exchange)
    world.exchange.bookTicker = async (symbol) => {
      const { bid, ask } = await book(symbol)
      return { bid: bid.add(1_000), ask: ask.sub(1_000) }
    }
    const sentAt = world.clock.nowMs()
    expect(await world.run(bot.checkDeadlock())).toBe('rebalanced')
    const rebalances = (await world.exchange.allOrders({ symbol: 'BTCUSDT' })).filter((order) => parseOrderId(order.clientOrderId)?.tag.kind === 'rebalance')
    const touch = rebalances[0]?.side === 'BUY' ? '59000.01' : '60999.99'
    expect(rebalances.map((order) => [order.type, order.status, order.price.toFixed()])).toEqual([
      ['LIMIT', 'CANCELED', touch],
      ['LIMIT', 'CANCELED', touch],
      ['LIMIT', 'CANCELED', touch]
    ])
    // One re-price interval (30 s) between two attempts, from the configuration
    const created = rebalances.map((order) => order.createdAtMs - sentAt)
    expect(created[1]! - created[0]!).toBeGreaterThanOrEqual(30_000)
    expect(created[2]! - created[1]!).toBeGreaterThanOrEqual(30_000)
    expect(journal.listBotEvents('b1').find((event) => event.type === 'Rebalanced')?.message).toMatch(/^rebalanced: (BUY|SELL) 0 BTC \([\d.]+ BTC untraded after 3 order\(s\); the last order, at [\d.]+, did not fill\)/)
  })
})
