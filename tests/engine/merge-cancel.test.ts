import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ExchangeRejectedError } from '../../main/engine/exchange/errors/exchange-rejected-error'
import { SimWorld } from './harness'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

// The ten-grid bot starts at 60,000: trades at 58,990 fill level 4's BUY of 0.00172 in parts, and each part
// owes a SELL on level 5, where the part before already rests: the two are combined into one order
describe('a level that cannot cancel its order to combine it with new counter quantity', () => {
  it('says so once, and tries again quietly on every later pass', async () => {
    const folder = mkdtempSync(join(process.cwd(), '.tmp', 'merge-'))
    folders.push(folder)
    const sim = new SimWorld(join(folder, 'journal.sqlite'))
    const { bot, logger } = await sim.boot()
    await sim.trade('58990', '0.0005')
    const counter = (await sim.exchange.openOrders('BTCUSDT')).find((order) => order.clientOrderId.startsWith('gk-b1-5S-'))
    if (counter === undefined) throw new Error('no counter SELL on level 5')
    const realCancel = sim.exchange.cancelOrder.bind(sim.exchange)
    sim.exchange.cancelOrder = async (ref) => {
      if (ref.clientOrderId === counter.clientOrderId) throw new ExchangeRejectedError(-2011, 'Order was not canceled due to cancel restrictions.')
      return realCancel(ref)
    }
    await sim.trade('58990', '0.0005')
    await sim.trade('58990', '0.0005')
    for (let pass = 0; pass < 2; pass += 1) await sim.run(bot.trader.driveAll())
    const said = (level: string) => logger.lines.filter((line) => line.level === level && line.message.startsWith('cancel for a merge failed')).length
    expect(said('warn')).toBe(1)
    expect(said('debug')).toBeGreaterThanOrEqual(3)
    expect(bot.trader.levelStates().find((state) => state.index === 5)?.phase).toBe('replacing')
  })
})
