import { afterEach, describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { auditWorld, type AuditWorld } from './audit-world'
import { plantInTrader } from './plant'

// The ten-grid bot starts at 60,000: BUYs on levels 0–4 (55,000–59,000), SELLs on 6–10, level 5 empty.
// A trade at 58,990 fills the BUY of level 4, which owes a SELL on level 5 at 60,000.

const worlds: AuditWorld[] = []
async function world(): Promise<AuditWorld> {
  const created = await auditWorld()
  worlds.push(created)
  return created
}
afterEach(() => {
  for (const created of worlds.splice(0)) created.dispose()
})

/**
 * Level 4's BUY and level 6's SELL fill while nothing is placed: level 5 owes a SELL and a BUY, which
 * net; what crossed owes a SELL on level 6 and a BUY on level 4, and that BUY, which answers no single
 * fill, is the next order sent: the exchange refuses it for good.
 */
async function refuseANettedCounter(t: AuditWorld): Promise<void> {
  t.engine.bot.trader.halt('all')
  await t.world.trade('58990')
  await t.world.trade('61010')
  t.world.exchange.faults.rejectNextPlacement(-2010, 'This action is disabled on this account.')
  t.engine.bot.trader.unhalt()
  await t.world.run(t.engine.bot.trader.driveAll())
}

const isFirstGridBuy = (side: 'BUY' | 'SELL', purpose: string) => purpose === 'grid' && side === 'BUY'

describe('the auditor on hedging', () => {
  it('finds a BUY marked as dust whose counter SELL was never placed', async () => {
    const t = await world()
    const struck = plantInTrader(t.engine.bot, 'onFill', (fill, intent) => isFirstGridBuy(fill.side, intent.purpose), (_real, fill) => {
      t.engine.journal.setFillHedgeNote(fill.symbol, fill.tradeId, 'dust:0')
    })
    await t.world.trade('58990')
    expect(struck()).toBe(1)
    expect(await t.audit()).toEqual([expect.stringMatching(/^b1: gap 4–5 \(BUY@4 \/ SELL@5\) owes 0\.00171828 .* 0\.00171828 unanswered; latest: trade \d+ \(BUY 0\.00172 @ 59000 of gk-b1-4B-1; journal: dust:0\)$/)])
  })

  it('finds a counter-order placed one level too far', async () => {
    const t = await world()
    plantInTrader(t.engine.bot, 'addCounter', () => true, (real, counter, key) => real({ ...counter, level: counter.level + 1 }, key))
    await t.world.trade('58990')
    const lines = await t.audit()
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^b1: gap 4–5 .* 0\.00171828 unanswered/), expect.stringMatching(/^b1: gap 5–6 .* 0\.00171828 more than it owes/)]))
  })

  it('finds a counter-order placed on the wrong side', async () => {
    const t = await world()
    plantInTrader(t.engine.bot, 'addCounter', () => true, (real, counter, key) => real({ ...counter, side: counter.side === 'SELL' ? 'BUY' : 'SELL' }, key))
    await t.world.trade('58990')
    const lines = await t.audit()
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^b1: gap 4–5 .* unanswered/), expect.stringMatching(/^b1: BUYs on levels 5–10 hold 0\.00171828 more than their plan and trades owe/)]))
  })

  it('finds a counter-order one lot step short', async () => {
    const t = await world()
    plantInTrader(t.engine.bot, 'addCounter', () => true, (real, counter, key) => real({ ...counter, quantity: counter.quantity.sub('0.00001') }, key))
    await t.world.trade('58990')
    expect(await t.audit()).toEqual([expect.stringMatching(/^b1: gap 4–5 .* 0\.00001 unanswered; latest: trade \d+ \(BUY 0\.00172 @ 59000 of gk-b1-4B-1; journal: answered by gk-b1-5S-1\)$/)])
  })

  it('finds a counter-order priced off its level', async () => {
    const t = await world()
    plantInTrader(t.engine.bot, 'createIntent', (purpose) => purpose === 'counter', (real, purpose, level, side, price, quantity, key) => real(purpose, level, side, price.add('0.01'), quantity, key))
    await t.world.trade('58990')
    expect(await t.audit()).toEqual([expect.stringMatching(/^b1: order gk-b1-5S-1 \(SELL 0\.00171 @ 60000\.01, NEW\) is priced 60000\.01, but level 5 of grid 0 is at 60000$/)])
  })

  it('is not satisfied by an incident that does not name the trade, and is by one that does', async () => {
    const t = await world()
    plantInTrader(t.engine.bot, 'onFill', (fill, intent) => isFirstGridBuy(fill.side, intent.purpose), (_real, fill) => {
      t.engine.journal.setFillHedgeNote(fill.symbol, fill.tradeId, 'dust:0')
    })
    await t.world.trade('58990')
    const incident = (id: string, details: Record<string, string>) => ({ incidentId: id, botId: 'b1', kind: 'emergency', severity: 'critical' as const, message: 'something went wrong', detailsJson: JSON.stringify(details), openedAtMs: t.world.clock.nowMs(), resolvedAtMs: null })
    t.engine.journal.openIncident(incident('unrelated', { level: '4', tradeId: '999999' }))
    expect(await t.audit()).toEqual([expect.stringMatching(/^b1: gap 4–5 .* unanswered/)])
    const fill = t.engine.journal.listFills('b1').find((candidate) => candidate.clientOrderId === 'gk-b1-4B-1')
    t.engine.journal.openIncident(incident('naming', { sourceFill: `BTCUSDT:${fill?.tradeId ?? ''}` }))
    expect(await t.audit()).toEqual([])
  })

  it('finds a running bot that stopped placing its counter-orders, and lets a paused one wait', async () => {
    const t = await world()
    // The trader stops placing while the bot still says it runs
    t.engine.bot.trader.halt('all')
    await t.world.trade('58990')
    expect(await t.audit()).toEqual([expect.stringMatching(/^b1: level 5 owes SELL 0\.00171 \(gk-b1-5S-1, pending after 0 send\(s\)\) with no order on the exchange, and nothing explains the wait: the bot is running/)])
    t.engine.bot.pause()
    expect(await t.audit()).toEqual([])
  })

  it('finds SELLs dropped as sold when nothing was sold', async () => {
    const t = await world()
    t.engine.bot.trader.halt('all')
    await t.world.trade('58990')
    // The bug: the SELLs end as if 0.00171828 had been sold, while nothing was
    t.engine.bot.trader.forgetSells('sold:nothing', new Decimal('0.00171828'))
    t.engine.bot.pause()
    expect(await t.audit()).toEqual([expect.stringMatching(/^b1: grid SELLs of 0\.00171828 were dropped as sold \(the journal: sold:nothing\), but the bot's sales sold only 0 on the exchange$/)])
  })

  it('does not let a later sale of the base cover a BUY whose counter SELL was never placed', async () => {
    const t = await world()
    plantInTrader(t.engine.bot, 'onFill', (fill, intent) => isFirstGridBuy(fill.side, intent.purpose), (_real, fill) => {
      t.engine.journal.setFillHedgeNote(fill.symbol, fill.tradeId, 'dust:0')
    })
    await t.world.trade('58990')
    const report = await t.world.run(t.engine.bot.emergencyStop({ sellBase: true }))
    expect(new Decimal(report.soldBase ?? '0').gt('0.00171')).toBe(true)
    expect(await t.audit()).toEqual([expect.stringMatching(/^b1: gap 4–5 .* unanswered; latest: trade \d+ \(BUY 0\.00172 @ 59000 of gk-b1-4B-1; journal: dust:0\)$/)])
  })

  it('accepts SELLs dropped by an EMERGENCY STOP that sold the base', async () => {
    const t = await world()
    await t.world.trade('58990')
    await t.world.trade('57990')
    const report = await t.world.run(t.engine.bot.emergencyStop({ sellBase: true }))
    expect(new Decimal(report.soldBase ?? '0').gt(0)).toBe(true)
    expect(await t.audit()).toEqual([])
  })

  it('accepts a SELL that one sale sold in part and a later sale sold the rest of', async () => {
    const t = await world()
    t.engine.bot.trader.halt('all')
    await t.world.trade('58990')
    // The first EMERGENCY sale meets a thin book: of the bot's base only a part sells, straddling level 5's SELL
    const firstPart = new Decimal('0.0095')
    expect(t.engine.engine.ledger.owned('b1', 'BTC').gt(firstPart.add('0.0003'))).toBe(true)
    // Every attempt of the sale meets the thin book: the first sells a part, the others nothing
    for (const liquidity of [firstPart, ...Array.from({ length: t.engine.bot.config.baseTrades.attempts - 1 }, () => '0')]) t.world.exchange.world.thinBookNext('BTCUSDT', new Decimal(liquidity))
    const first = await t.world.run(t.engine.bot.emergencyStop({ sellBase: true }))
    expect(first.soldBase).toBe(firstPart.toFixed())
    await t.world.run(t.engine.bot.resume())
    const second = await t.world.run(t.engine.bot.emergencyStop({ sellBase: true }))
    expect(new Decimal(second.soldBase ?? '0').gt(0)).toBe(true)
    for (const incident of t.engine.journal.listIncidents({ openOnly: true })) t.engine.journal.resolveIncident(incident.incidentId, t.world.clock.nowMs())
    expect(await t.audit()).toEqual([])
  })

  it('accepts a counter that came of netting, refused by the exchange, while the bot waits in EMERGENCY and then paused', async () => {
    const t = await world()
    await refuseANettedCounter(t)
    const refused = t.engine.journal.listIntents('b1', ['rejected'])
    expect(refused.map((intent) => `${intent.purpose} ${intent.level} ${intent.side}`)).toEqual(['counter 4 BUY'])
    expect(t.engine.journal.listFills('b1').some((fill) => fill.counterIntentId === refused[0]?.intentId)).toBe(false)
    expect(t.engine.bot.record().status).toBe('emergency')
    t.engine.bot.pause()
    expect(await t.audit()).toEqual([])
  })

  it('finds a refused counter that came of netting when a resume drops it instead of trying it again', async () => {
    const t = await world()
    await refuseANettedCounter(t)
    // The bug: resuming forgets the refused counter rather than trying it again
    Object.assign(t.engine.bot.trader, { retryFailedCounters: () => undefined })
    await t.world.run(t.engine.bot.resume())
    expect(await t.audit()).toEqual(expect.arrayContaining([expect.stringMatching(/^b1: level 4 owes BUY \S+ \(gk-b1-4B-\d+, rejected after 1 send\(s\), last error: -2010 This action is disabled on this account\.\) with no order on the exchange, and nothing explains the wait/)]))
  })
})
