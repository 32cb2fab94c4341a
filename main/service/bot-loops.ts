import type { GridBot } from '../engine/bot/grid-bot'

/** A bot's background work: reconciliation, the market watch and the risk watch. */
export interface BotLoops {
  /** Stops the loops; resolves when they have noticed, or after `graceMs`. */
  stop(sleep: (ms: number) => Promise<void>, graceMs: number): Promise<void>
}

/** Starts a bot's reconciliation, market and risk loops. */
export function startBotLoops(bot: GridBot): BotLoops {
  const loops = new AbortController()
  const running = [bot.keepReconciling(loops.signal), bot.keepWatchingMarket(loops.signal)]
  const stopRisk = bot.watchRisk()
  return {
    async stop(sleep, graceMs) {
      loops.abort()
      stopRisk()
      await Promise.race([Promise.allSettled(running), sleep(graceMs)])
    }
  }
}
