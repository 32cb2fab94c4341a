import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { botConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import { parseOrderId } from '../../main/engine/grid/trader/client-order-ids'
import { BOT_CONFIG, SimWorld } from './harness'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})
function world(): SimWorld {
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'recenter-'))
  folders.push(folder)
  return new SimWorld(join(folder, 'journal.sqlite'))
}

const HOUR = 3_600_000
const CONFIG = botConfig({ ...BOT_CONFIG, recenter: { enabled: true, confirmationMs: 2 * HOUR, cooldownMs: 6 * HOUR, hysteresisPct: '0.5' } })

async function priceAt(sim: SimWorld, price: string): Promise<void> {
  sim.exchange.trade('BTCUSDT', new Decimal(price), new Decimal('10'))
  await sim.quiesce()
}

async function botOrderPrices(sim: SimWorld): Promise<string[]> {
  return (await sim.exchange.openOrders('BTCUSDT')).filter((order) => parseOrderId(order.clientOrderId)?.botId === 'b1').map((order) => order.price.toFixed()).sort()
}

describe('recentering', () => {
  it('moves the grid around the price after two hours outside the range, keeping its width', async () => {
    const sim = world()
    const { bot, journal } = await sim.boot(CONFIG)
    await priceAt(sim, '70000')
    expect(await sim.run(bot.checkRecenter())).toBe('waiting')
    await sim.clock.advance(HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('waiting')
    await sim.clock.advance(HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('recentered')
    await sim.quiesce()
    expect([bot.config.grid.lower, bot.config.grid.upper]).toEqual(['65000', '75000'])
    const prices = await botOrderPrices(sim)
    expect(prices).toHaveLength(10)
    expect(prices.every((price) => new Decimal(price).gte(65000) && new Decimal(price).lte(75000))).toBe(true)
    expect(journal.listBotEvents('b1').map((event) => event.type)).toEqual(expect.arrayContaining(['OutOfRange', 'Recentered']))
    // Within the cooldown another excursion does not move it again
    await priceAt(sim, '90000')
    await sim.run(bot.checkRecenter())
    await sim.clock.advance(3 * HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('cooldown')
  })

  it('a recenter the holdings cannot fund is refused once per cooldown, with one incident, not one per reading', async () => {
    const sim = world()
    const { bot, journal } = await sim.boot(CONFIG)
    // Far below the range: every BUY filled, the bot holds base and almost no quote
    await priceAt(sim, '45000')
    expect(await sim.run(bot.checkRecenter())).toBe('waiting')
    await sim.clock.advance(2 * HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('refused')
    const incidents = () => journal.listIncidents({ openOnly: true, botId: 'b1' }).filter((incident) => incident.kind === 'replan')
    expect(incidents()).toHaveLength(1)
    expect(incidents()[0]?.message).toMatch(/^the grid [\d.]+–[\d.]+ was not placed: /)
    // Still outside: the next attempt waits for the cooldown from the refused one
    expect(await sim.run(bot.checkRecenter())).toBe('waiting')
    await sim.clock.advance(2 * HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('cooldown')
    await sim.clock.advance(4 * HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('refused')
    expect(incidents()).toHaveLength(1)
  })

  it('counts the two hours across a restart, on the exchange clock', async () => {
    const sim = world()
    const first = await sim.boot(CONFIG)
    await priceAt(sim, '70000')
    await sim.run(first.bot.checkRecenter())
    await sim.clock.advance(HOUR + HOUR / 2)
    sim.crash()
    const second = await sim.boot(CONFIG)
    await sim.clock.advance(HOUR / 2)
    expect(await sim.run(second.bot.checkRecenter())).toBe('recentered')
  })

  it('starts counting again when the price comes back into the range', async () => {
    const sim = world()
    const { bot } = await sim.boot(CONFIG)
    await priceAt(sim, '70000')
    await sim.run(bot.checkRecenter())
    await sim.clock.advance(HOUR + HOUR / 2)
    await priceAt(sim, '64000')
    expect(await sim.run(bot.checkRecenter())).toBe('inside')
    await priceAt(sim, '70000')
    await sim.run(bot.checkRecenter())
    await sim.clock.advance(HOUR)
    expect(await sim.run(bot.checkRecenter())).toBe('waiting')
  })

  it('recenters at once on a person\'s command', async () => {
    const sim = world()
    const { bot, journal } = await sim.boot(CONFIG)
    await priceAt(sim, '61000')
    expect(await sim.run(bot.recenterNow())).toBe(true)
    expect([bot.config.grid.lower, bot.config.grid.upper]).toEqual(['56000', '66000'])
    expect(journal.listBotEvents('b1').map((event) => event.type)).toEqual(expect.arrayContaining(['RecenterRequested', 'Recentered']))
  })
})
