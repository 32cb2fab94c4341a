import { afterEach, describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { botConfig } from '@shared/config/bot-config'
import { BOT_CONFIG, ETH_BOT_CONFIG } from '../engine/harness'
import { auditWorld, type AuditWorld } from './audit-world'

const worlds: AuditWorld[] = []
afterEach(() => {
  for (const created of worlds.splice(0)) created.dispose()
})

describe('the auditor on a healthy account', () => {
  it('finds nothing wrong after trading through a crash, a lost stream, a pause, a held level and an EMERGENCY STOP', async () => {
    const t = await auditWorld([BOT_CONFIG, ETH_BOT_CONFIG], { USDT: '10000', BTC: '0', ETH: '0' })
    worlds.push(t)
    for (const price of ['58990', '57990', '60010']) await t.world.trade(price)
    await t.world.trade('2950', '100', 'ETHUSDT')
    // A crash while the market fills two levels
    t.world.crash()
    t.world.exchange.trade('BTCUSDT', new Decimal('56990'), new Decimal('100'))
    await t.world.boot([BOT_CONFIG, ETH_BOT_CONFIG])
    // The stream drops while a level fills; the reconnect makes the engine ask the exchange
    t.world.exchange.disconnectStream()
    await t.world.trade('58010')
    t.world.exchange.reconnectStream()
    await t.world.quiesce()
    t.engine.bot.pause()
    await t.world.trade('59010')
    await t.world.run(t.engine.bot.resume())
    await t.world.run(t.engine.bot.holdLevel(2))
    await t.world.trade('56990')
    await t.world.run(t.engine.bot.releaseLevel(2))
    const eth = t.engine.bots[1]
    expect(eth?.config.symbol).toBe('ETHUSDT')
    if (eth !== undefined) await t.world.run(eth.emergencyStop({ sellBase: true }))
    await t.world.trade('3050', '100', 'ETHUSDT')
    await t.world.quiesce(40)
    expect(await t.audit()).toEqual([])
    // It did trade: the audit had fills, a stopped bot and live orders to look at
    expect(t.engine.journal.listFills('b1').length).toBeGreaterThan(8)
    expect(t.engine.bots[1]?.record().status).toBe('stopped')
    expect((await t.world.exchange.openOrders('BTCUSDT')).length).toBe(10)
  })

  it('finds nothing wrong in a grid that was recentered', async () => {
    const config = botConfig({ ...BOT_CONFIG, recenter: { enabled: true, confirmationMs: 60_000, cooldownMs: 60_000, hysteresisPct: '0.5' } })
    const t = await auditWorld(config)
    worlds.push(t)
    await t.world.trade('62010')
    await t.world.trade('66500')
    expect(await t.world.run(t.engine.bot.recenterNow())).toBe(true)
    await t.world.trade('65010')
    await t.world.trade('67990')
    await t.world.quiesce(40)
    expect(t.engine.bot.config.grid.lower).not.toBe(BOT_CONFIG.grid.lower)
    expect(await t.audit()).toEqual([])
  })
})
