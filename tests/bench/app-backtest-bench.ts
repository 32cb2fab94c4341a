import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { BacktestUpdate } from '@shared/api'
import { MemoryLogger } from '../../main/engine/logging/logger'
import { BacktestRunner } from '../../main/service/backtest-runner'
import { startWaveKlinesServer } from '../e2e/support/wave-klines-server'

const DAY_MS = 86_400_000

/** What a backtest in the app took: the whole run, its phases, and the longest the event loop was held. */
export interface AppBacktestFigure {
  readonly candles: number
  readonly fills: number
  /** From the start to the result: download, reading, the run and the result for the UI. */
  readonly totalMs: number
  readonly downloadAndReadMs: number
  readonly runMs: number
  /** The longest time a 5 ms timer waited beyond its due time while it ran: how long the app could not answer. */
  readonly longestBlockMs: number
  readonly updates: number
}

/**
 * Backtests a year of one-minute candles as the app does (BacktestRunner: download from a local
 * klines server into an empty cache, reading, the engine run, the result for the UI), timing
 * each phase and watching the event loop with a 5 ms timer.
 */
export async function measureAppBacktest(): Promise<AppBacktestFigure> {
  const fromMs = Date.UTC(2024, 0, 1)
  const toMs = Date.UTC(2025, 0, 1)
  const server = await startWaveKlinesServer({ fromMs, toMs, mid: 60_000, amplitude: 1_000, periodMs: DAY_MS })
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'app-backtest-bench-'))
  let longestBlockMs = 0
  let last = performance.now()
  const probe = setInterval(() => {
    const now = performance.now()
    longestBlockMs = Math.max(longestBlockMs, now - last - 5)
    last = now
  }, 5)
  try {
    const started = performance.now()
    let runningAt = started
    let updates = 0
    const final = await new Promise<BacktestUpdate>((resolve) => {
      const runner = new BacktestRunner({
        cacheDir: join(folder, 'klines'),
        klinesBaseUrl: server.url,
        logger: new MemoryLogger(),
        onUpdate: (update) => {
          updates += 1
          if (update.phase === 'running' && runningAt === started) runningAt = performance.now()
          if (update.phase === 'done' || update.phase === 'failed' || update.phase === 'cancelled') resolve(update)
        }
      })
      const start = runner.start({
        config: { id: 'bench', symbol: 'BTCUSDT', grid: { lower: '58800', upper: '61200', grids: 8, investment: '10000' } },
        klines: { kind: 'download', symbol: 'BTCUSDT', interval: '1m', fromMs, toMs }
      })
      if (!start.ok) throw new Error(start.error.message)
    })
    const ended = performance.now()
    if (final.result === undefined) throw new Error(`the backtest did not finish: ${final.message}`)
    return {
      candles: final.result.report.candles,
      fills: final.result.totalFills,
      totalMs: ended - started,
      downloadAndReadMs: runningAt - started,
      runMs: ended - runningAt,
      longestBlockMs,
      updates
    }
  } finally {
    clearInterval(probe)
    await server.close()
    rmSync(folder, { recursive: true, force: true })
  }
}
