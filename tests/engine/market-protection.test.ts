import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { botConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import { BOT_CONFIG, SimWorld } from './harness'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

const CONFIG = botConfig({
  ...BOT_CONFIG,
  marketState: { candleInterval: '1m', windowCandles: 10, trendThresholdPct: '3', volatilityThresholdPct: '50', hysteresisCandles: 2 },
  protective: { noBuysInDowntrend: true, pauseBuysWhenVolatile: false }
})

/** Prints one trade a minute at each price, so the exchange's 1m klines follow them. */
async function minutes(world: SimWorld, prices: readonly string[]): Promise<void> {
  for (const price of prices) {
    world.exchange.trade('BTCUSDT', new Decimal(price), new Decimal('1'))
    await world.clock.advance(60_000)
  }
  await world.quiesce()
}

describe('market state and protective modes', () => {
  it('in a confirmed downtrend holds back new grid BUYs below the lowest open BUY, and releases them when the market turns', async () => {
    const folder = mkdtempSync(join(process.cwd(), '.tmp', 'market-'))
    folders.push(folder)
    const world = new SimWorld(join(folder, 'journal.sqlite'))
    const { bot, journal } = await world.boot(CONFIG)
    // Twelve minutes of a steady fall, 60,400 → 57,100, through the 59,000 and 58,000 BUYs
    await minutes(world, Array.from({ length: 12 }, (_, index) => String(60_400 - index * 300)))
    const memory = await world.run(bot.updateMarketState())
    expect(memory.state).toBe('trending-down')
    expect(journal.listBotEvents('b1').filter((event) => event.type === 'MarketStateChanged').map((event) => event.message)).toEqual([
      expect.stringMatching(/^market unknown → trending-down: trending down: −4\.\d+ % over 10 candles/)
    ])
    // Someone cancels the lowest BUY on the exchange: the grid would place it again, but not now
    const lowest = (await world.exchange.openOrders('BTCUSDT')).find((order) => order.side === 'BUY' && order.price.eq(55_000))
    expect(lowest).toBeDefined()
    await world.exchange.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: lowest?.clientOrderId as never })
    await world.quiesce()
    const buyPrices = async () => (await world.exchange.openOrders('BTCUSDT')).filter((order) => order.side === 'BUY').map((order) => order.price.toFixed()).sort()
    expect(await buyPrices()).toEqual(['56000', '57000'])
    expect(bot.trader.levelStates()[0]?.reason).toBe('paused below 56000: confirmed downtrend, no new BUY under the lowest open BUY')
    // The market steadies: ranging again, and the BUY goes back on
    await minutes(world, Array.from({ length: 12 }, () => '57100'))
    expect((await world.run(bot.updateMarketState())).state).toBe('ranging')
    await world.quiesce()
    expect(await buyPrices()).toEqual(['55000', '56000', '57000'])
  })

  it('keeps its market-state memory across a restart', async () => {
    const folder = mkdtempSync(join(process.cwd(), '.tmp', 'market-'))
    folders.push(folder)
    const world = new SimWorld(join(folder, 'journal.sqlite'))
    const { bot } = await world.boot(CONFIG)
    await minutes(world, Array.from({ length: 12 }, (_, index) => String(60_400 - index * 300)))
    expect((await world.run(bot.updateMarketState())).state).toBe('trending-down')
    world.crash()
    const restarted = await world.boot(CONFIG)
    const memory = await world.run(restarted.bot.updateMarketState())
    expect(memory.state).toBe('trending-down')
    // No second change event for the same confirmed state
    expect(restarted.journal.listBotEvents('b1').filter((event) => event.type === 'MarketStateChanged')).toHaveLength(1)
  })
})
