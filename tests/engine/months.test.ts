import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { Decimal } from '@shared/money/decimal'
import { afterEach, describe, expect, it } from 'vitest'
import { BOT_CONFIG, seededRandom, SimWorld } from './harness'

const DAY_MS = 24 * 3_600_000
const DAYS = 90

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/**
 * Months of simulated time: the bot trades a seeded hourly random walk across its grid for 90
 * days on the virtual clock, moved in five-minute steps, reconciling with the exchange every
 * hour. Wall time is a figure (GRIDKEEPER_FIGURES=1 prints it), never an assertion. (At the live
 * default of a reconciliation every five minutes, 25,920 passes, the same run takes about 85 s:
 * a pass costs about 3 ms, mostly reading the bot's whole journal.)
 */
describe('a grid bot over months of simulated time', () => {
  it('trades 90 days of hourly prices with every fill hedged and one order per level at the end', { timeout: 300_000 }, async () => {
    mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
    const folder = mkdtempSync(join(process.cwd(), '.tmp', 'months-'))
    folders.push(folder)
    const world = new SimWorld(join(folder, 'journal.sqlite'))
    const { bot, journal } = await world.boot({ ...BOT_CONFIG, recenter: { ...BOT_CONFIG.recenter, enabled: false } })
    const loops = new AbortController()
    const reconciling = bot.keepReconciling(loops.signal, 3_600_000)
    const started = performance.now()
    const startMs = world.clock.nowMs()
    const random = seededRandom(90)
    let price = new Decimal('60000')
    for (let hour = 0; hour < DAYS * 24; hour += 1) {
      // A bounded random walk: steps of up to 800, reflected back inside 55,500–64,500
      price = price.add(Math.round((random() - 0.5) * 1600))
      if (price.lt(55500)) price = new Decimal(111000).sub(price)
      if (price.gt(64500)) price = new Decimal(129000).sub(price)
      world.exchange.trade('BTCUSDT', price, new Decimal('100'))
      for (let tick = 0; tick < 12; tick += 1) await world.clock.advance(300_000)
    }
    await world.quiesce()
    loops.abort()
    await reconciling
    const wallSeconds = (performance.now() - started) / 1000

    expect(world.clock.nowMs() - startMs).toBeGreaterThanOrEqual(DAYS * DAY_MS)
    const fills = journal.listFills(BOT_CONFIG.id)
    expect(fills.length).toBeGreaterThan(200)
    expect(journal.listUnhedgedFills(BOT_CONFIG.id)).toEqual([])
    expect(bot.record().status).toBe('running')
    const open = await world.exchange.openOrders('BTCUSDT')
    const prices = open.map((order) => order.price.toFixed())
    expect(new Set(prices).size).toBe(prices.length)
    expect(open.length).toBeGreaterThanOrEqual(9)
    const problems = world.process?.logger.lines.filter((line) => line.level === 'error') ?? []
    expect(problems).toEqual([])
    if (process.env['GRIDKEEPER_FIGURES'] === '1') {
      console.info(`${DAYS} simulated days (${DAYS * 24} hourly prices, ${DAYS * 24} reconciliations, ${fills.length} fills) in ${wallSeconds.toFixed(1)} s of wall time`)
    }
  })
})
