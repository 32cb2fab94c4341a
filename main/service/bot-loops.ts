import type { GridBot } from '../engine/bot/grid-bot'

/** A bot's background work: reconciliation, the market watch and the risk watch. */
export interface BotLoops {
  /** Stops the loops; resolves when they have noticed, or after `graceMs` (the timer does not outlive the stop). */
  stop(graceMs: number): Promise<void>
}

/** Starts a bot's reconciliation, market and risk loops. */
export function startBotLoops(bot: GridBot): BotLoops {
  const loops = new AbortController()
  const running = [bot.keepReconciling(loops.signal), bot.keepWatchingMarket(loops.signal)]
  const stopRisk = bot.watchRisk()
  return {
    async stop(graceMs) {
      loops.abort()
      stopRisk()
      let timer: ReturnType<typeof setTimeout> | undefined
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))
      await Promise.race([Promise.allSettled(running), grace])
      clearTimeout(timer)
    }
  }
}
