import { afterEach, describe, expect, it } from 'vitest'
import { botConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import { clientOrderId } from '../../main/engine/exchange/port/identifiers'
import { BOT_CONFIG } from '../engine/harness'
import { auditWorld, type AuditWorld } from './audit-world'

// The bot holds 0.03 BTC, more than its grid's SELLs need: an OCO backstop covers the rest
const CONFIG = botConfig({
  ...BOT_CONFIG,
  grid: { ...BOT_CONFIG.grid, baseHeld: '0.03' },
  risk: { stopLoss: '50000', takeProfit: '70000', stopOutcome: 'cancel', ocoBackstop: true }
})
const BALANCES = { USDT: '10000', BTC: '0.06' }

const worlds: AuditWorld[] = []
async function world(): Promise<AuditWorld> {
  const created = await auditWorld(CONFIG, BALANCES)
  worlds.push(created)
  expect((await created.world.exchange.openOrderLists()).map((list) => list.listClientOrderId)).toEqual(['gk-b1-X-1'])
  return created
}
afterEach(() => {
  for (const created of worlds.splice(0)) created.dispose()
})

describe('the auditor on OCO backstops', () => {
  it('finds nothing wrong with the one OCO the journal keeps', async () => {
    const t = await world()
    expect(await t.audit()).toEqual([])
  })

  it('finds an OCO open on the exchange that the journal forgot', async () => {
    const t = await world()
    t.engine.journal.saveBotState('b1', 'oco-backstop', '{}', t.world.clock.nowMs())
    expect(await t.audit()).toEqual(["b1: OCO list gk-b1-X-1 is open on the exchange, but the journal keeps no list as the bot's backstop"])
  })

  it('finds a second OCO of the bot on the exchange', async () => {
    const t = await world()
    await t.world.exchange.placeOcoList({
      symbol: 'BTCUSDT',
      listClientOrderId: clientOrderId('gk-b1-X-90'),
      side: 'SELL',
      quantity: new Decimal('0.01'),
      above: { clientOrderId: clientOrderId('gk-b1-X-91'), type: 'LIMIT_MAKER', price: new Decimal('70000') },
      below: { clientOrderId: clientOrderId('gk-b1-X-92'), type: 'STOP_LOSS_LIMIT', price: new Decimal('49750'), stopPrice: new Decimal('50000'), timeInForce: 'GTC' }
    })
    await t.world.quiesce()
    expect(await t.audit()).toEqual(expect.arrayContaining(['b1: 2 OCO lists are open on the exchange (gk-b1-X-1, gk-b1-X-90); a bot keeps at most one']))
  })

  it('finds an OCO the journal holds open after the exchange cancelled it', async () => {
    const t = await world()
    t.world.exchange.silenceStream()
    await t.world.exchange.cancelOrderList('BTCUSDT', 'gk-b1-X-1')
    await t.world.quiesce()
    expect(await t.audit()).toEqual(
      expect.arrayContaining([
        'b1: OCO list gk-b1-X-1: the journal holds leg gk-b1-X-2 open, the exchange shows it CANCELED',
        'b1: OCO list gk-b1-X-1: the journal holds leg gk-b1-X-3 open, the exchange shows it CANCELED'
      ])
    )
  })
})
