import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { botConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import { clientOrderId } from '../../main/engine/exchange/port/identifiers'
import { parseOrderId } from '../../main/engine/grid/trader/client-order-ids'
import type { Journal } from '../../main/engine/journal'
import { BOT_CONFIG, SimWorld } from './harness'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/** A bot given more base than its grid's SELLs need: the rest is what the OCO protects. */
const CONFIG = botConfig({ ...BOT_CONFIG, grid: { ...BOT_CONFIG.grid, baseHeld: '0.02' }, risk: { stopLoss: '50000', takeProfit: '70000', stopOutcome: 'cancel', ocoBackstop: true } })

function world(btc = '0.02'): SimWorld {
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'oco-'))
  folders.push(folder)
  return new SimWorld(join(folder, 'journal.sqlite'), { balances: { USDT: '10000', BTC: btc } })
}

async function botLists(sim: SimWorld) {
  return (await sim.exchange.openOrderLists()).filter((list) => parseOrderId(list.listClientOrderId)?.botId === 'b1')
}

/** Places a second OCO of bot b1 over 0.001 BTC that the journal knows (its legs' intents are there, as if sending). */
async function placeKnownDuplicate(sim: SimWorld, journal: Journal): Promise<void> {
  for (const [intentId, type, price, stopPrice] of [['gk-b1-X-100', 'LIMIT_MAKER', '71000', null], ['gk-b1-X-101', 'STOP_LOSS_LIMIT', '49000', '49500']] as const) {
    journal.createIntent({
      intentId, botId: 'b1', symbol: 'BTCUSDT', purpose: 'exit', level: null, side: 'SELL', type, price, quantity: '0.001', quoteOrderQty: null,
      status: 'sending', attempts: 1, lastError: null, venueOrderId: null, sourceFillKey: null, stopPrice, listId: 'gk-b1-X-99', createdAtMs: 0, updatedAtMs: 0
    })
  }
  await sim.exchange.placeOcoList({
    symbol: 'BTCUSDT',
    listClientOrderId: clientOrderId('gk-b1-X-99'),
    side: 'SELL',
    quantity: new Decimal('0.001'),
    above: { clientOrderId: clientOrderId('gk-b1-X-100'), type: 'LIMIT_MAKER', price: new Decimal('71000') },
    below: { clientOrderId: clientOrderId('gk-b1-X-101'), type: 'STOP_LOSS_LIMIT', price: new Decimal('49000'), stopPrice: new Decimal('49500'), timeInForce: 'GTC' }
  })
}

describe('the OCO backstop', () => {
  it('leaves out the base of a grid SELL the exchange refused, which the grid still owes and places again after the cooldown', async () => {
    const sim = world()
    const { bot, journal } = await sim.boot(CONFIG)
    const covered = (await botLists(sim))[0]?.orders[0]?.origQty.toFixed()
    const sell = (await sim.exchange.openOrders('BTCUSDT')).find((order) => order.clientOrderId.startsWith('gk-b1-9S-'))
    if (sell === undefined) throw new Error('the grid has no SELL on level 9')
    // The exchange expires level 9's SELL, and refuses the order the grid puts there again
    sim.exchange.faults.rejectNextPlacement(-2010, 'This action is disabled on this account.')
    sim.exchange.world.expireOrder({ symbol: 'BTCUSDT', orderId: sell.orderId })
    await sim.quiesce()
    expect(journal.listIntents('b1', ['rejected']).map((intent) => `${intent.purpose} ${intent.level} ${intent.side} ${intent.quantity}`)).toEqual([`grid 9 SELL ${sell.origQty.toFixed()}`])
    // Its base is the grid's, not inventory outside it: the OCO does not take it
    expect(await sim.run(bot.backstop.sync())).toBe('unchanged')
    expect((await botLists(sim))[0]?.orders[0]?.origQty.toFixed()).toBe(covered)
    // Funds suffice, so it is no deadlock; the periodic check places it again and says so
    expect(await sim.run(bot.checkDeadlock())).toBe('none')
    await sim.quiesce()
    const again = (await sim.exchange.openOrders('BTCUSDT')).filter((order) => order.clientOrderId.startsWith('gk-b1-9S-'))
    expect(again.map((order) => `${order.side} ${order.origQty.toFixed()} @ ${order.price.toFixed()}`)).toEqual([`SELL ${sell.origQty.toFixed()} @ ${sell.price.toFixed()}`])
    expect(journal.listBotEvents('b1').map((event) => event.message)).toContain('tried again: the order of level 9 that could not be placed; next try after the cooldown if it fails again')
    expect(await sim.run(bot.checkDeadlock())).toBe('cooldown')
  })

  it('protects the inventory the grid SELLs do not hold, and only that', async () => {
    const sim = world()
    const { bot, journal } = await sim.boot(CONFIG)
    const lists = await botLists(sim)
    expect(lists).toHaveLength(1)
    const legs = lists[0]?.orders ?? []
    expect(legs.map((leg) => `${leg.type} ${leg.price.toFixed()} ${leg.stopPrice?.toFixed() ?? '-'}`).sort()).toEqual(['LIMIT_MAKER 70000 -', 'STOP_LOSS_LIMIT 49750 50000'])
    // 0.02 BTC held, the five grid SELLs hold the rest: the OCO covers exactly the difference
    const sells = (await sim.exchange.openOrders('BTCUSDT')).filter((order) => order.side === 'SELL' && order.orderListId === undefined)
    const held = sells.reduce((total, order) => total.add(order.origQty), new Decimal(0))
    expect(legs[0]?.origQty.toFixed()).toBe(new Decimal('0.02').sub(held).toFixed())
    expect(journal.listBotEvents('b1').map((event) => event.type)).toContain('OcoPlaced')
    expect(await sim.run(bot.backstop.sync())).toBe('unchanged')
  })

  it('finds its OCO after a restart and places no second one', async () => {
    const sim = world()
    await sim.boot(CONFIG)
    const before = (await botLists(sim))[0]?.listClientOrderId
    sim.crash()
    const { bot } = await sim.boot(CONFIG)
    expect((await botLists(sim)).map((list) => list.listClientOrderId)).toEqual([before])
    expect(await sim.run(bot.backstop.sync())).toBe('unchanged')
  })

  it('cancels a second OCO of the bot on restart: at most one protects a bot', async () => {
    // 0.001 BTC more than the bot was given, for the duplicate to lock
    const sim = world('0.021')
    const first = await sim.boot(CONFIG)
    const kept = (await botLists(sim))[0]?.listClientOrderId
    // A duplicate the journal knows, as a crash between two placements could leave one
    await placeKnownDuplicate(sim, first.journal)
    sim.crash()
    const { journal } = await sim.boot(CONFIG)
    expect((await botLists(sim)).map((list) => list.listClientOrderId)).toEqual([kept])
    expect(journal.listBotEvents('b1').map((event) => event.type)).toContain('OcoDuplicateCancelled')
    expect(journal.getIntent('gk-b1-X-100')?.status).toBe('done')
  })

  it('after the user-data stream comes back, an OCO cancelled meanwhile on the exchange is placed again', async () => {
    const sim = world()
    await sim.boot(CONFIG)
    const [before] = await botLists(sim)
    sim.exchange.disconnectStream()
    // Someone cancels it on the website while the app hears nothing
    await sim.exchange.cancelOrderList('BTCUSDT', before?.listClientOrderId as string)
    sim.exchange.reconnectStream()
    await sim.quiesce()
    const after = await botLists(sim)
    expect(after).toHaveLength(1)
    expect(after[0]?.listClientOrderId).not.toBe(before?.listClientOrderId)
    expect(after[0]?.orders[0]?.origQty.toFixed()).toBe(before?.orders[0]?.origQty.toFixed())
  })

  it('cancels a second OCO of the bot found by a reconciliation while it runs', async () => {
    const sim = world('0.021')
    const { bot, journal } = await sim.boot(CONFIG)
    const kept = (await botLists(sim))[0]?.listClientOrderId
    await placeKnownDuplicate(sim, journal)
    await sim.run(bot.reconcileAndProtect())
    await sim.quiesce()
    expect((await botLists(sim)).map((list) => list.listClientOrderId)).toEqual([kept])
  })

  it('places its legs on the tick when the take-profit and stop-loss are not: take-profit and stop rounded up, the stop leg\'s limit by the configured slippage', async () => {
    const sim = world()
    const config = botConfig({ ...CONFIG, risk: { ...CONFIG.risk, stopLoss: '50000.004', takeProfit: '70000.001', stopLimitSlippagePct: '1' } })
    await sim.boot(config)
    const legs = (await botLists(sim))[0]?.orders ?? []
    expect(legs.map((leg) => `${leg.type} ${leg.price.toFixed()} ${leg.stopPrice?.toFixed() ?? '-'}`).sort()).toEqual(['LIMIT_MAKER 70000.01 -', 'STOP_LOSS_LIMIT 49500 50000.01'])
  })

  it('covers dust carried on a level, and frees it for the grid SELL that takes it, then covers what is left', async () => {
    const sim = world()
    const first = await sim.boot(CONFIG)
    const before = (await botLists(sim))[0]?.orders[0]?.origQty
    // 0.0004 BTC carried as dust on the level above the price (below what one order may be)
    const level5 = first.journal.listLevels('b1').find((level) => level.level === 5)
    first.journal.saveLevel({ ...(level5 as NonNullable<typeof level5>), stateJson: JSON.stringify({ ...JSON.parse(level5?.stateJson ?? '{}'), dustSell: '0.0004' }) })
    sim.crash()
    const { bot } = await sim.boot(CONFIG)
    expect(await sim.run(bot.backstop.sync())).toBe('unchanged')
    // The dust is held by no order, so the OCO protects it too
    expect((await botLists(sim))[0]?.orders[0]?.origQty.toFixed()).toBe(before?.toFixed())

    // A BUY fills: its SELL one level up carries the dust, which the OCO held
    await sim.trade('58990')
    const sell = (await sim.exchange.openOrders('BTCUSDT')).find((order) => order.side === 'SELL' && order.price.eq('60000') && order.orderListId === undefined)
    // 0.00338 bought less its 0.00000338 fee, plus the 0.0004 carried, on the 0.00001 step
    expect(sell?.origQty.toFixed()).toBe('0.00377')
    expect(bot.record().status).toBe('running')
    const lists = await botLists(sim)
    expect(lists).toHaveLength(1)
    expect(lists[0]?.orders[0]?.origQty.toFixed()).toBe(new Decimal(before?.toFixed() ?? '0').sub('0.0004').toFixed())
  })

  it('an OCO leg that fills while the bot is offline is processed on restart', async () => {
    const sim = world()
    await sim.boot(CONFIG)
    sim.crash()
    // The market falls through the stop while no engine runs: the stop leg triggers and fills
    sim.exchange.trade('BTCUSDT', new Decimal('49900'), new Decimal('5'))
    sim.exchange.trade('BTCUSDT', new Decimal('49700'), new Decimal('5'))
    const { bot, journal } = await sim.boot(CONFIG)
    expect(await botLists(sim)).toEqual([])
    const exitFills = journal.listFills('b1').filter((fill) => parseOrderId(fill.clientOrderId)?.tag.kind === 'exit')
    expect(exitFills.length).toBeGreaterThan(0)
    expect(exitFills.every((fill) => fill.hedgeNote === 'none:exit')).toBe(true)
    // Below its stop-loss the bot exits as configured
    expect(await sim.run(bot.checkRisk())).toBe('stop-loss')
    expect(bot.record().status).toBe('stopped')
  })

  it('moves to new prices by hand, refuses prices that break the configuration, and cancels by hand', async () => {
    const sim = world()
    const { bot, journal } = await sim.boot(CONFIG)
    await sim.run(bot.moveBackstop('48000', '72000'))
    const legs = (await botLists(sim))[0]?.orders ?? []
    expect(legs.map((leg) => `${leg.type} ${leg.price.toFixed()}`).sort()).toEqual(['LIMIT_MAKER 72000', 'STOP_LOSS_LIMIT 47760'])
    await expect(sim.run(bot.moveBackstop('80000', '72000'))).rejects.toThrow('the OCO cannot move: Stop-loss must be below the upper price (65000)')
    expect((await botLists(sim))).toHaveLength(1)
    await sim.run(bot.cancelBackstop())
    expect(await botLists(sim)).toEqual([])
    expect(bot.config.risk.ocoBackstop).toBe(false)
    expect(journal.listBotEvents('b1').map((event) => event.type)).toEqual(expect.arrayContaining(['OcoCancelled', 'ConfigChanged']))
  })
})
