import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { parseExchangeInfo } from '../../main/engine/exchange/rules'
import { BTCUSDT_FILTERS, rawSymbol } from '../../main/engine/exchange/rules/stubs'
import { BOT_CONFIG, SimWorld } from './harness'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/** BTCUSDT with a narrow ask band: a SELL may not be priced below 0.97 × the 5-minute average price. */
const NARROW_BAND = parseExchangeInfo({
  symbols: [
    rawSymbol(
      BTCUSDT_FILTERS.map((filter) =>
        filter.filterType === 'PERCENT_PRICE_BY_SIDE' ? { ...filter, bidMultiplierUp: '1.1', bidMultiplierDown: '0.9', askMultiplierUp: '1.1', askMultiplierDown: '0.97', avgPriceMins: 5 } : filter
      ),
      { symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'] }
    )
  ]
})

function world(): SimWorld {
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'band-'))
  folders.push(folder)
  return new SimWorld(join(folder, 'journal.sqlite'), { rules: NARROW_BAND })
}

async function sellPrices(sim: SimWorld): Promise<string[]> {
  return (await sim.exchange.openOrders('BTCUSDT')).filter((order) => order.side === 'SELL').map((order) => order.price.toFixed()).sort()
}

describe('counter-orders outside the price band after a gap', () => {
  it('wait in a named state, with no EMERGENCY, and are placed once the average price allows them', async () => {
    const sim = world()
    const { bot, journal } = await sim.boot(BOT_CONFIG)
    // Five minutes of trading at 60,000 set the average
    for (let trade = 0; trade < 40; trade += 1) await sim.trade('60000', '0.05')
    // A gap down through every BUY: their SELLs at 56,000–58,000 are below 0.97 × the average (still about 60,000)
    sim.exchange.gap('BTCUSDT', new Decimal('53000'))
    await sim.trade('53000', '0.01')
    expect(bot.record().status).toBe('running')
    expect(journal.listIncidents({ openOnly: true, botId: 'b1' })).toEqual([])
    const waiting = bot.trader.levelStates().filter((level) => level.reason.startsWith('waiting: outside the price band'))
    expect(waiting.map((level) => level.price)).toEqual(['56000', '57000', '58000'])
    expect(await sellPrices(sim)).not.toContain('56000')
    const sendsBefore = (await sim.exchange.allOrders({ symbol: 'BTCUSDT' })).length

    // The market trades down there for more than the five averaged minutes
    for (let trade = 0; trade < 50; trade += 1) await sim.trade('53500', '0.01')
    expect(await sellPrices(sim)).toEqual(expect.arrayContaining(['56000', '57000', '58000', '59000', '60000']))
    expect(bot.record().status).toBe('running')
    // Each waiting order went to the exchange once, when it could be taken: no refused sends meanwhile
    const sends = (await sim.exchange.allOrders({ symbol: 'BTCUSDT' })).length - sendsBefore
    expect(sends).toBe(3)
  })
})
