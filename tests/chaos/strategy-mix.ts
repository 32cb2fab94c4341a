import type { SimWorld } from '../engine/harness'
import type { PersonActions } from './person-actions'

/**
 * One step of the bots' own strategy, as it would run live but on the chaos clock: five seconds
 * pass; every bot checks its stop-loss and take-profit (an exit is resumed by a person a few steps
 * later), every tenth step whether to recenter, every twentieth for a deadlock, and keeps its OCO
 * backstop and market state up to date.
 */
export async function strategyStep(world: SimWorld, step: number, person: PersonActions, random: () => number, trace: string[]): Promise<void> {
  if (world.process === undefined) return
  // Strategy runs span hours of exchange time, as recentering does
  await world.clock.advance(5_000)
  for (const bot of world.process.bots) {
    const trigger = await world.run(bot.checkRisk())
    if (trigger !== undefined) {
      trace.push(`step ${step}: ${bot.config.id} ${trigger} (${bot.config.risk.stopOutcome})`)
      person.resumeLater(step, bot, 3 + Math.floor(random() * 6))
    }
    if (step % 10 === 0) {
      const recenter = await world.run(bot.checkRecenter())
      if (recenter === 'recentered' || recenter === 'refused') trace.push(`step ${step}: ${bot.config.id} ${recenter} → ${bot.config.grid.lower}-${bot.config.grid.upper}`)
    }
    if (step % 20 === 0 && (await world.run(bot.checkDeadlock())) === 'rebalanced') trace.push(`step ${step}: ${bot.config.id} rebalanced`)
    if (step % 10 === 5 && bot.record().status === 'running') await world.run(bot.syncBackstop())
    if (step % 5 === 0) await world.run(bot.updateMarketState())
  }
}
