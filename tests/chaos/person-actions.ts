import { isExchangeRetryableError } from '../../main/engine/exchange/errors/exchange-retryable-error'
import type { GridBot } from '../../main/engine/bot/grid-bot'
import { parseOrderId } from '../../main/engine/grid/trader/client-order-ids'
import type { SimWorld } from '../engine/harness'

/** Something a person did that they undo a few steps later: a resume, or releasing a held level. */
export interface Undo {
  readonly atStep: number
  readonly botId: string
  readonly what: 'resume' | 'release'
  readonly level?: number
}

/**
 * A person acting on the bots of a chaos run: pausing one, holding a level, or pressing EMERGENCY
 * STOP, each undone a few steps later. An EMERGENCY STOP must leave none of the bot's orders open
 * on the exchange; each one that does is a violation.
 */
export class PersonActions {
  /** What is still to undo, by step. */
  readonly undo: Undo[] = []
  /** EMERGENCY STOPs that left orders open. */
  readonly stopViolations: string[] = []

  constructor(
    private readonly world: SimWorld,
    private readonly random: () => number,
    private readonly trace: string[]
  ) {}

  /** Acts on a random bot. */
  async act(step: number): Promise<void> {
    const { world, random, trace } = this
    if (world.process === undefined) return
    const bot = world.process.bots[Math.floor(random() * world.process.bots.length)] as GridBot
    const kind = random()
    if (kind < 0.4) {
      trace.push(`step ${step}: ${bot.config.id} paused`)
      bot.pause()
      this.later(step, bot, 'resume')
    } else if (kind < 0.7) {
      const level = Math.floor(random() * (bot.config.grid.grids + 1))
      trace.push(`step ${step}: ${bot.config.id} level ${level} held`)
      await world.run(bot.holdLevel(level)).catch((error: unknown) => trace.push(`hold failed: ${String(error)}`))
      this.later(step, bot, 'release', level)
    } else {
      trace.push(`step ${step}: ${bot.config.id} EMERGENCY STOP`)
      const report = await world.run(bot.emergencyStop({ sellBase: random() < 0.3 }))
      // Read as the test's own eyes: a -1021 burst refusing the call is waited out on the clock
      const left = (await world.run(readThroughBursts(() => world.exchange.openOrders(bot.config.symbol), world))).filter((order) => parseOrderId(order.clientOrderId)?.botId === bot.config.id)
      if (left.length > 0) {
        this.stopViolations.push(`step ${step}: after EMERGENCY STOP of ${bot.config.id} the exchange still shows ${left.map((order) => order.clientOrderId).join(', ')} (report: ${report.stillOpen.join(', ')})`)
      }
      this.later(step, bot, 'resume')
    }
  }

  /** Schedules a resume a few steps from now (after a stop-loss or take-profit exit, say). */
  resumeLater(step: number, bot: GridBot, delay: number): void {
    this.undo.push({ atStep: step + delay, botId: bot.config.id, what: 'resume' })
  }

  /** Undoes what is due at this step. */
  async undoDue(step: number): Promise<void> {
    for (const entry of this.undo.filter((candidate) => candidate.atStep === step)) await this.apply(entry)
  }

  /** Undoes everything still pending, then releases every held level and resumes every bot not running: the heal. */
  async undoAll(afterStep: number): Promise<void> {
    for (const entry of this.undo.filter((candidate) => candidate.atStep >= afterStep)) await this.apply(entry)
    for (const bot of this.world.process?.bots ?? []) {
      for (const level of bot.trader.levelStates().filter((state) => state.held === true)) await this.world.run(bot.releaseLevel(level.index))
      // A start that fails again (a thin book at the touch, say) is tried again, as a person would
      for (let attempt = 0; attempt < 3 && bot.record().status !== 'running'; attempt += 1) await this.resume(bot)
    }
  }

  private later(step: number, bot: GridBot, what: Undo['what'], level?: number): void {
    this.undo.push({ atStep: step + 2 + Math.floor(this.random() * 6), botId: bot.config.id, what, ...(level === undefined ? {} : { level }) })
  }

  private async apply(entry: Undo): Promise<void> {
    const bot = this.world.process?.bots.find((candidate) => candidate.config.id === entry.botId)
    if (bot === undefined) return
    this.trace.push(`${entry.botId} ${entry.what}${entry.level === undefined ? '' : ` level ${entry.level}`}`)
    if (entry.what === 'release') await this.world.run(bot.releaseLevel(entry.level ?? 0))
    else if (!(await this.resume(bot))) this.later(entry.atStep, bot, 'resume')
  }

  /**
   * Resumes a bot. A bot whose start failed starts again, and may fail again: it is then stored as
   * failed with an incident (what the auditor checks), the trace says so, and this returns false.
   */
  private async resume(bot: GridBot): Promise<boolean> {
    try {
      await this.world.run(bot.resume())
      return true
    } catch (error) {
      if (bot.record().status !== 'failed') throw error
      this.trace.push(`${bot.config.id} did not start again: ${error instanceof Error ? error.message : String(error)}`)
      return false
    }
  }
}

/** Calls `read` until the simulator stops refusing it as retryable (a -1021 burst lasts seconds of its clock). */
async function readThroughBursts<T>(read: () => Promise<T>, world: SimWorld): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await read()
    } catch (error) {
      if (!isExchangeRetryableError(error) || attempt >= 100) throw error
      await world.clock.sleep(1_000)
    }
  }
}
