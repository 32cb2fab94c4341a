import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { clientOrderId } from '../../main/engine/exchange/port/identifiers'
import { BOT_CONFIG, SimWorld } from './harness'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function world(): SimWorld {
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'forgotten-'))
  folders.push(folder)
  return new SimWorld(join(folder, 'journal.sqlite'))
}

async function buyAt(sim: SimWorld, price: string) {
  return (await sim.exchange.openOrders('BTCUSDT')).find((order) => order.side === 'BUY' && order.price.eq(price))
}

describe('an order the exchange has forgotten (-2013, as after a testnet reset)', () => {
  it('is ended by reconciliation: its level is planned again and its lock released, not kept open forever', async () => {
    const sim = world()
    const { bot, journal, engine } = await sim.boot(BOT_CONFIG)
    const before = await buyAt(sim, '59000')
    const id = before?.clientOrderId as string
    const lockedBefore = engine.ledger.lockedBy('b1', 'USDT')
    sim.exchange.world.forgetOrder({ symbol: 'BTCUSDT', clientOrderId: clientOrderId(id) })

    await sim.run(bot.reconcile())
    await sim.quiesce()

    // The level holds a new order for the same quantity, under a new client order id
    const replacement = await buyAt(sim, '59000')
    expect(replacement?.clientOrderId).not.toBe(id)
    expect(replacement?.origQty.toFixed()).toBe(before?.origQty.toFixed())
    expect(journal.getIntent(id)?.status).toBe('done')
    expect(engine.tracker.order(id)?.status).toBe('EXPIRED')
    // One lock for the level, not two
    expect(engine.ledger.lockedBy('b1', 'USDT').toFixed()).toBe(lockedBefore.toFixed())
    expect(bot.record().status).toBe('running')
  })

  it('is ended when a hold\'s cancel finds it unknown, and the held level waits with its quantity', async () => {
    const sim = world()
    const { bot, engine } = await sim.boot(BOT_CONFIG)
    const before = await buyAt(sim, '59000')
    const id = before?.clientOrderId as string
    sim.exchange.world.forgetOrder({ symbol: 'BTCUSDT', clientOrderId: clientOrderId(id) })

    await sim.run(bot.holdLevel(4))
    expect(engine.tracker.order(id)?.status).toBe('EXPIRED')
    expect(engine.ledger.lockedBy('b1', 'USDT').gt(0)).toBe(true)
    await sim.run(bot.releaseLevel(4))
    await sim.quiesce()
    expect((await buyAt(sim, '59000'))?.origQty.toFixed()).toBe(before?.origQty.toFixed())
  })
})
