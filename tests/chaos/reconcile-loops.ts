import type { EngineProcess } from '../engine/harness'

/**
 * Starts every bot's periodic reconciliation on the virtual clock, as the app's bot loops do
 * (main/service/bot-loops.ts); aborting the returned controller stops them, as a dying process would.
 */
export function startReconciling(engine: EngineProcess): AbortController {
  const loops = new AbortController()
  for (const bot of engine.bots) void bot.keepReconciling(loops.signal)
  return loops
}
