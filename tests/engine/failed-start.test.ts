import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { botConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import type { NewOrder } from '../../main/engine/exchange/port/new-order'
import { parseOrderId } from '../../main/engine/grid/trader/client-order-ids'
import { BOT_CONFIG, SimWorld } from './harness'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})
function world(): SimWorld {
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'failed-start-'))
  folders.push(folder)
  return new SimWorld(join(folder, 'journal.sqlite'))
}

const isAcquisition = (order: NewOrder) => parseOrderId(order.clientOrderId)?.tag.kind === 'acquire'

/** What a restart would find of the bot: its status, its incidents, its grid, its orders on the exchange and what it waits to send. */
async function state(sim: SimWorld) {
  const { journal } = sim.process!
  return {
    status: journal.getBot('b1')?.status,
    incidents: journal.listIncidents({ botId: 'b1' }).map((incident) => `${incident.kind}${incident.resolvedAtMs === null ? '' : ' (resolved)'}: ${incident.message}`),
    levels: journal.listLevels('b1').length,
    open: (await sim.exchange.openOrders('BTCUSDT')).filter((order) => parseOrderId(order.clientOrderId)?.botId === 'b1').length,
    waiting: journal.listIntents('b1', ['pending', 'sending', 'placed', 'unknown']).length
  }
}

describe('a start that fails', () => {
  it('leaves the bot failed, not running without a grid: it says why, keeps what it bought, frees its reservations, and a restart shows exactly that', async () => {
    const sim = world()
    const config = botConfig({ ...BOT_CONFIG, baseTrades: { useMarketOrders: false, attempts: 2, repriceIntervalMs: 5_000 } })
    // A book that lags the market: the LIMIT for the base rests, and only 0.001 BTC ever trades at its price
    const book = sim.exchange.bookTicker.bind(sim.exchange)
    sim.exchange.bookTicker = async (symbol) => ({ ...(await book(symbol)), ask: (await book(symbol)).ask.sub(1_000) })
    const place = sim.exchange.placeOrder.bind(sim.exchange)
    let partlyFilled = false
    sim.exchange.placeOrder = async (order) => {
      const report = await place(order)
      if (isAcquisition(order) && !partlyFilled) {
        partlyFilled = true
        sim.exchange.trade('BTCUSDT', order.price ?? new Decimal(0), new Decimal('0.001'))
      }
      return report
    }
    await expect(sim.boot(config)).rejects.toThrow(/^bot b1 did not start: buying [\d.]+ BTC for the SELLs fell short: [\d.]+ BTC untraded after 2 order\(s\)/)
    const message = /^start: the bot did not start: buying [\d.]+ BTC for the SELLs fell short: .*\. It bought 0\.001 BTC first, which it keeps; no order of it is open\. Resume it to try the start again\.$/
    const failed = await state(sim)
    expect(failed).toEqual({ status: 'failed', incidents: [expect.stringMatching(message)], levels: 0, open: 0, waiting: 0 })
    const { engine } = sim.process!
    // The part bought is the bot's (net of its fee in BTC), and nothing of its quote stays reserved
    expect(engine.ledger.owned('b1', 'BTC').toFixed()).toBe('0.000999')
    expect(engine.ledger.available('b1', 'USDT').toFixed()).toBe(engine.ledger.owned('b1', 'USDT').toFixed())

    sim.crash()
    const restarted = await sim.boot(config)
    expect(await state(sim)).toEqual(failed)
    expect(restarted.engine.ledger.owned('b1', 'BTC').toFixed()).toBe('0.000999')
    // The market moves: a failed bot places nothing
    await sim.trade('58990')
    expect(await state(sim)).toEqual(failed)

    // Resumed by a person with the book back to normal, it starts again with what it holds
    sim.exchange.bookTicker = book
    await sim.run(restarted.bot.resume())
    await sim.quiesce()
    const started = await state(sim)
    expect([started.status, started.levels, started.open]).toEqual(['running', 11, 10])
    expect(started.incidents).toEqual([expect.stringMatching(/^start \(resolved\): /)])
  })

  it('a restart that cut a start short marks the bot failed, with the purchase that reached the exchange accounted', async () => {
    const sim = world()
    const place = sim.exchange.placeOrder.bind(sim.exchange)
    sim.exchange.placeOrder = async (order) => {
      const report = await place(order)
      // The process dies right after the purchase of base went out: its answer reaches nobody
      if (isAcquisition(order)) sim.crash()
      return report
    }
    await expect(sim.boot(BOT_CONFIG)).rejects.toThrow()
    sim.exchange.placeOrder = place
    const bought = (await sim.exchange.myTrades({ symbol: 'BTCUSDT' })).reduce((total, fill) => total.add(fill.quantity).sub(fill.commission), new Decimal(0))
    expect(bought.gt(0)).toBe(true)

    const restarted = await sim.boot(BOT_CONFIG)
    expect(await state(sim)).toEqual({
      status: 'failed',
      incidents: [expect.stringMatching(/^start: the bot did not start: the app stopped before its grid was placed, and a restart does not finish a start on its own\. It bought [\d.]+ BTC first, which it keeps; no order of it is open\. Resume it to try the start again\.$/)],
      levels: 0,
      open: 0,
      waiting: 0
    })
    expect(restarted.engine.ledger.owned('b1', 'BTC').toFixed()).toBe(bought.toFixed())
    expect(restarted.bot.record().status).toBe('failed')
  })
})
