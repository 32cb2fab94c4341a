import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { clientOrderId } from '../../main/engine/exchange/port/identifiers'
import { BOT_CONFIG, SimWorld } from './harness'

const folders: string[] = []
function journalPath(): string {
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'partial-rebid-'))
  folders.push(folder)
  return join(folder, 'journal.sqlite')
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

async function buyAt(world: SimWorld, price: string) {
  return (await world.exchange.openOrders('BTCUSDT')).find((order) => order.side === 'BUY' && order.price.eq(price))
}

describe('a partly filled order that ends before all its trades are known', () => {
  it('is re-bid after a restart for its unfilled remainder only', async () => {
    const world = new SimWorld(journalPath())
    await world.boot(BOT_CONFIG)
    const before = await buyAt(world, '59000')
    expect(before).toBeDefined()
    world.crash()
    // While the app is closed: part of the BUY fills, then the person cancels it on the website
    world.exchange.trade('BTCUSDT', new Decimal('58990'), new Decimal('0.001'))
    await world.exchange.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: clientOrderId(before?.clientOrderId as string) })
    // The price is back above the level when the app opens again
    world.exchange.trade('BTCUSDT', new Decimal('59100'), new Decimal('0'))
    await world.boot(BOT_CONFIG)
    const rebid = await buyAt(world, '59000')
    expect(rebid?.origQty.toFixed()).toBe(before?.origQty.sub('0.001').toFixed())
    // And the filled part is answered one level up
    const sells = (await world.exchange.openOrders('BTCUSDT')).filter((order) => order.side === 'SELL' && order.price.eq('60000'))
    expect(sells.map((order) => order.origQty.toFixed())).toEqual(['0.00099'])
  })

  it('is re-bid for its remainder when a level is held while a partial fill\'s event is late', async () => {
    const world = new SimWorld(journalPath())
    const { bot } = await world.boot(BOT_CONFIG)
    const before = await buyAt(world, '59000')
    // The partial fill's event is lost on its way; the hold's cancel answers CANCELED with the executed quantity
    world.exchange.silenceStream()
    world.exchange.trade('BTCUSDT', new Decimal('58990'), new Decimal('0.001'))
    await world.run(bot.holdLevel(4))
    world.exchange.restoreStream()
    await world.trade('59100', '0')
    await world.run(bot.releaseLevel(4))
    await world.quiesce()
    const rebid = await buyAt(world, '59000')
    expect(rebid?.origQty.toFixed()).toBe(before?.origQty.sub('0.001').toFixed())
  })
})
