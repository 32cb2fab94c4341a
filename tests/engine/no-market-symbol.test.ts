import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { botConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import { parseExchangeInfo } from '../../main/engine/exchange/rules'
import { BTCUSDT_FILTERS, rawSymbol } from '../../main/engine/exchange/rules/stubs'
import { parseOrderId } from '../../main/engine/grid/trader/client-order-ids'
import { BOT_CONFIG, SimWorld } from './harness'

/** BTCUSDT and ETHUSDT as the harness has them, but neither takes MARKET orders. */
const NO_MARKET_RULES = parseExchangeInfo({
  symbols: [
    rawSymbol(BTCUSDT_FILTERS, { symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', orderTypes: ['LIMIT', 'LIMIT_MAKER', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'] }),
    rawSymbol(BTCUSDT_FILTERS, { symbol: 'ETHUSDT', baseAsset: 'ETH', quoteAsset: 'USDT', orderTypes: ['LIMIT', 'LIMIT_MAKER'] })
  ]
})

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})
function world(): SimWorld {
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'no-market-'))
  folders.push(folder)
  return new SimWorld(join(folder, 'journal.sqlite'), { rules: NO_MARKET_RULES })
}

/** The bot's orders of one purpose on the exchange, as "SIDE TYPE STATUS". */
async function ordersOf(sim: SimWorld, kind: 'acquire' | 'rebalance' | 'emergency'): Promise<string[]> {
  return (await sim.exchange.allOrders({ symbol: 'BTCUSDT' })).filter((order) => parseOrderId(order.clientOrderId)?.tag.kind === kind).map((order) => `${order.side} ${order.type} ${order.status}`)
}

async function btcHeld(sim: SimWorld): Promise<Decimal> {
  const btc = (await sim.exchange.account()).balances.get('BTC')
  return btc === undefined ? new Decimal(0) : btc.free.add(btc.locked)
}

describe('a symbol without MARKET orders', () => {
  it('starts a bot: the base its SELLs need is bought with a LIMIT at the touch', async () => {
    const sim = world()
    const { bot } = await sim.boot()
    expect(bot.record().status).toBe('running')
    expect(await ordersOf(sim, 'acquire')).toEqual(['BUY LIMIT FILLED'])
    expect((await sim.exchange.openOrders('BTCUSDT')).filter((order) => parseOrderId(order.clientOrderId)?.tag.kind === 'level')).toHaveLength(10)
  })

  it('sells the base on EMERGENCY STOP with sell, with a LIMIT at the touch', async () => {
    const sim = world()
    const { bot } = await sim.boot()
    const report = await sim.run(bot.emergencyStop({ sellBase: true }))
    expect(report.soldBase).not.toBeNull()
    expect(await ordersOf(sim, 'emergency')).toEqual(['SELL LIMIT FILLED'])
    expect((await btcHeld(sim)).lt('0.00001')).toBe(true)
  })

  it('flattens on EMERGENCY when told to: orders cancelled, base sold with a LIMIT', async () => {
    const sim = world()
    const { bot } = await sim.boot(botConfig({ ...BOT_CONFIG, emergency: { flatten: true } }))
    sim.exchange.faults.rejectNextPlacement(-2010, 'This action is disabled on this account.')
    await sim.trade('58990')
    await sim.quiesce(80)
    expect(bot.record().status).toBe('emergency')
    expect(await sim.exchange.openOrders('BTCUSDT')).toEqual([])
    expect(await ordersOf(sim, 'emergency')).toEqual(['SELL LIMIT FILLED'])
    expect((await btcHeld(sim)).lt('0.00001')).toBe(true)
  })

  it('recenters above the range, buying the base the new SELLs need with a LIMIT at the touch', async () => {
    const sim = world()
    const { bot, journal } = await sim.boot(botConfig({ ...BOT_CONFIG, recenter: { confirmationMs: 3_600_000 } }))
    // Far above the range: every SELL filled, the bot holds quote
    await sim.trade('70000')
    expect(await sim.run(bot.checkRecenter())).toBe('waiting')
    await sim.clock.advance(3_600_000)
    expect(await sim.run(bot.checkRecenter())).toBe('recentered')
    expect(await ordersOf(sim, 'rebalance')).toEqual(['BUY LIMIT FILLED'])
    const grid = (await sim.exchange.openOrders('BTCUSDT')).filter((order) => parseOrderId(order.clientOrderId)?.tag.kind === 'level')
    expect(grid.map((order) => order.side).sort()).toEqual([...Array(5).fill('BUY'), ...Array(5).fill('SELL')])
    expect(journal.listIncidents({ botId: 'b1' })).toEqual([])
  })
})
