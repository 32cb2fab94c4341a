import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { botConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import { settle } from '../../main/engine/clock/test-clock'
import { parseOrderId } from '../../main/engine/grid/trader/client-order-ids'
import { ExchangeRejectedError } from '../../main/engine/exchange/errors/exchange-rejected-error'
import { BOT_CONFIG, SimWorld } from './harness'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})
function world(): SimWorld {
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'risk-'))
  folders.push(folder)
  return new SimWorld(join(folder, 'journal.sqlite'))
}

const withRisk = (stopOutcome: 'keep' | 'cancel' | 'sell-all') => botConfig({ ...BOT_CONFIG, risk: { stopLoss: '54000', takeProfit: '66000', stopOutcome } })

/** Risk as above, and the market read on 1m candles with the downtrend protection on. */
const withRiskAndProtection = (stopOutcome: 'keep' | 'cancel' | 'sell-all') =>
  botConfig({
    ...withRisk(stopOutcome),
    marketState: { candleInterval: '1m', windowCandles: 10, trendThresholdPct: '3', volatilityThresholdPct: '50', hysteresisCandles: 2 },
    protective: { noBuysInDowntrend: true, pauseBuysWhenVolatile: false }
  })

async function botOrders(sim: SimWorld): Promise<number> {
  return (await sim.exchange.openOrders('BTCUSDT')).filter((order) => parseOrderId(order.clientOrderId)?.botId === 'b1').length
}

async function btc(sim: SimWorld): Promise<Decimal> {
  const balance = (await sim.exchange.account()).balances.get('BTC')
  return balance === undefined ? new Decimal(0) : balance.free.add(balance.locked)
}

/** The market falls 300 a minute from 60,400 to 53,800, one trade a minute, so the 1m klines follow it. */
async function trendDownThroughTheGrid(sim: SimWorld): Promise<void> {
  for (let price = 60_400; price >= 53_800; price -= 300) {
    sim.exchange.trade('BTCUSDT', new Decimal(price), new Decimal('1'))
    await sim.clock.advance(60_000)
  }
  await sim.quiesce()
}

describe('stop-loss and take-profit', () => {
  it.each([
    ['keep', 'leaves the orders on the exchange and keeps the assets'],
    ['cancel', 'cancels the orders and keeps the assets'],
    ['sell-all', 'cancels the orders and sells all the base']
  ] as const)('a trend down through the grid is read as a downtrend (its protective mode holds back new BUYs), then triggers the stop-loss; outcome %s %s', async (outcome, _what) => {
    const sim = world()
    const { bot, journal } = await sim.boot(withRiskAndProtection(outcome))
    const stop = bot.watchRisk()
    const watching = new AbortController()
    const market = bot.keepWatchingMarket(watching.signal)
    await trendDownThroughTheGrid(sim)
    watching.abort()
    await market
    stop()
    expect(bot.record().status).toBe('stopped')
    const events = journal.listBotEvents('b1').map((event) => event.type)
    const downtrend = journal.listBotEvents('b1').findIndex((event) => event.type === 'MarketStateChanged' && event.message.includes('→ trending-down'))
    expect(downtrend).toBeGreaterThanOrEqual(0)
    expect(downtrend).toBeLessThan(events.indexOf('StopLossTriggered'))
    expect(events.indexOf('StopLossTriggered')).toBeLessThan(events.indexOf('Exited'))
    const orders = await botOrders(sim)
    const base = await btc(sim)
    if (outcome === 'keep') expect(orders).toBeGreaterThan(0)
    else expect(orders).toBe(0)
    // The fall filled every BUY, so the bot holds base unless it sold it
    if (outcome === 'sell-all') expect(base.lt('0.00001')).toBe(true)
    else expect(base.gt('0.005')).toBe(true)
    // Stopped means stopped: the market comes back and nothing new is placed
    const before = await botOrders(sim)
    sim.exchange.trade('BTCUSDT', new Decimal('60000'), new Decimal('1'))
    await sim.quiesce()
    expect(await botOrders(sim)).toBeLessThanOrEqual(before)
  })

  it('a rise to the take-profit exits too', async () => {
    const sim = world()
    const { bot, journal } = await sim.boot(withRisk('sell-all'))
    sim.exchange.trade('BTCUSDT', new Decimal('66100'), new Decimal('1'))
    await sim.quiesce()
    expect(await sim.run(bot.checkRisk())).toBe('take-profit')
    expect(journal.listBotEvents('b1').find((event) => event.type === 'TakeProfitTriggered')?.message).toBe('take-profit 66000 reached at 66100: orders cancelled, all base sold')
    expect(await botOrders(sim)).toBe(0)
  })

  it('an exit cut short by a crash is finished on restart', async () => {
    const sim = world()
    const { bot } = await sim.boot(withRisk('cancel'))
    sim.exchange.trade('BTCUSDT', new Decimal('53900'), new Decimal('1'))
    await settle(3)
    void bot.exit('stop-loss', new Decimal('53900')).catch(() => undefined)
    await settle(2)
    sim.crash()
    const restarted = await sim.boot(withRisk('cancel'))
    expect(restarted.bot.record().status).toBe('stopped')
    expect(await botOrders(sim)).toBe(0)
    expect(restarted.journal.listBotEvents('b1').map((event) => event.type)).toContain('Exited')
  })

  it('sells all the base a SELL it could not cancel does not lock, and names that SELL for the person', async () => {
    const sim = world()
    const { bot, journal, engine } = await sim.boot(withRisk('sell-all'))
    const sell = (await sim.exchange.openOrders('BTCUSDT')).find((order) => order.clientOrderId.startsWith('gk-b1-6S-'))
    if (sell === undefined) throw new Error('the grid has no SELL on level 6')
    // Every cancel of that SELL is refused: it stays open, and its base stays locked
    const realCancel = sim.exchange.cancelOrder.bind(sim.exchange)
    sim.exchange.cancelOrder = async (ref) => {
      if (ref.clientOrderId === sell.clientOrderId) throw new ExchangeRejectedError(-2011, 'Order was not canceled due to cancel restrictions.')
      return realCancel(ref)
    }
    sim.exchange.trade('BTCUSDT', new Decimal('53900'), new Decimal('1'))
    await sim.quiesce()
    expect(await sim.run(bot.checkRisk())).toBe('stop-loss')
    const open = (await sim.exchange.openOrders('BTCUSDT')).filter((order) => parseOrderId(order.clientOrderId)?.botId === 'b1')
    expect(open.map((order) => order.clientOrderId)).toEqual([sell.clientOrderId])
    // What the open SELL does not hold is sold; what it holds is all the bot keeps
    const kept = engine.ledger.owned('b1', 'BTC').sub(sell.origQty)
    expect(kept.gte(0) && kept.lt('0.00001')).toBe(true)
    const incidents = journal.listIncidents({ openOnly: true, botId: 'b1' }).map((incident) => incident.message)
    expect(incidents).toEqual([`the stop-loss exit could not cancel ${sell.clientOrderId}. Cancel them on the exchange.`])
    expect(journal.listBotEvents('b1').find((event) => event.type === 'Exited')?.message).toMatch(/^exited after the stop-loss: \d+ order\(s\) cancelled, 0\.0\d+ BTC sold; /)
  })
})
