import { randomUUID } from 'node:crypto'
import { homedir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { fail, ok, type BacktestKlines, type BacktestPhase, type BacktestUpdate, type Result } from '@shared/api'
import type { CommandParams } from '@shared/api/command-schemas'
import { parseBotConfig, type BotConfig } from '@shared/config/bot-config'
import { runBacktest } from '../backtest/run-backtest'
import { DEFAULT_EXCHANGE_INFO } from '../engine/exchange/paper-server/default-exchange-info'
import { parseExchangeInfo, type ExchangeRules } from '../engine/exchange/rules'
import type { Logger } from '../engine/logging/logger'
import { symbolFromFileName } from '../klines/symbol-from-file-name'
import { backtestFailureText } from './backtest-failure-text'
import { klinesText, loadBacktestKlines } from './backtest-klines'
import { backtestResultView } from './backtest-result-view'

/** What the runner needs. */
export interface BacktestRunnerOptions {
  /** Where downloaded candles are kept (`<data folder>/klines`). */
  readonly cacheDir: string
  /** Binance's public REST base for klines (https://api.binance.com when absent). */
  readonly klinesBaseUrl?: string
  readonly logger: Logger
  /** Receives every update of every run (the service pushes them as `backtest` events). */
  readonly onUpdate: (update: BacktestUpdate) => void
  /** The rules of the app's exchange with a symbol's, when it is connected and lists the symbol. */
  readonly sessionRules?: (symbol: string) => Promise<ExchangeRules | undefined>
  readonly fetch?: typeof fetch
  /** The shortest time between two progress updates of a phase (100 ms: about ten a second). */
  readonly updateIntervalMs?: number
}

interface Running {
  readonly backtestId: string
  readonly what: string
  readonly controller: AbortController
  readonly finished: Promise<void>
}

/** Points of the equity curve a result carries. */
const EQUITY_POINTS = 1_000

/**
 * Runs the app's backtests in the background, one at a time: loads the candles (downloaded into
 * the cache, or a klines file), runs the engine over them on the exchange's rules, and reports
 * as it goes, at most about ten updates a second, then once with the result, the failure in
 * words for a person, or the cancellation. Loading and the run both give the event loop back
 * often, so the app keeps answering its window and its sockets throughout.
 */
export class BacktestRunner {
  private running: Running | undefined
  private stopped = false

  constructor(private readonly options: BacktestRunnerOptions) {}

  /** Checks a request and starts it; refused while another runs, or when the configuration or the candles asked for cannot work. */
  start(params: CommandParams<'startBacktest'>): Result<{ backtestId: string }> {
    if (this.stopped) return fail('not-ready', 'the app is stopping')
    const running = this.running
    if (running !== undefined) return fail('backtest-running', `a backtest is running already (${running.what}): wait for it to finish, or cancel it, before starting another`)
    const parsed = parseBotConfig(params.config)
    if (!parsed.ok) return fail('invalid-config', parsed.errors.join('; '), { errors: parsed.errors })
    const config = parsed.config
    const klines = checkedKlines(params.klines, config.symbol)
    if (!klines.ok) return klines
    const backtestId = randomUUID()
    const controller = new AbortController()
    const what = klinesText(klines.value)
    this.options.logger.info('backtest started', { backtestId, klines: what, botId: config.id })
    const finished = this.run(backtestId, config, klines.value, controller.signal)
    this.running = { backtestId, what, controller, finished }
    return ok({ backtestId })
  }

  /** Stops the backtest with this id; `cancelled` is false when it is not running (it ended already). */
  cancel(backtestId: string): Result<{ cancelled: boolean }> {
    const running = this.running
    if (running?.backtestId !== backtestId) return ok({ cancelled: false })
    running.controller.abort(new Error('cancelled'))
    return ok({ cancelled: true })
  }

  /** Cancels what runs and waits for it to end; starts are refused after. */
  async stop(): Promise<void> {
    this.stopped = true
    const running = this.running
    if (running === undefined) return
    running.controller.abort(new Error('the app is stopping'))
    await running.finished
  }

  private async run(backtestId: string, config: BotConfig, klines: BacktestKlines, signal: AbortSignal): Promise<void> {
    const intervalMs = this.options.updateIntervalMs ?? 100
    let phase: BacktestPhase = 'loading'
    let done = 0
    let total = 0
    let lastAt = -Infinity
    const report = (next: BacktestPhase, nextDone: number, nextTotal: number, message: string) => {
      const now = performance.now()
      const changed = next !== phase
      phase = next
      done = nextDone
      total = nextTotal
      if (!changed && now - lastAt < intervalMs) return
      lastAt = now
      this.options.onUpdate({ backtestId, phase, done, total, message })
    }
    let final: BacktestUpdate
    try {
      // The start's answer goes out before the first update
      await nextTurn()
      this.options.onUpdate({ backtestId, phase, done, total, message: `Preparing the backtest of ${klinesText(klines)}` })
      lastAt = performance.now()
      const { rules, notes } = await this.rulesFor(config.symbol)
      const load = { cacheDir: this.options.cacheDir, signal, onProgress: (step: number, steps: number, message: string) => report('loading', step, steps, message) }
      const series = await loadBacktestKlines(klines, config.symbol, {
        ...load,
        ...(this.options.klinesBaseUrl === undefined ? {} : { baseUrl: this.options.klinesBaseUrl }),
        ...(this.options.fetch === undefined ? {} : { fetch: this.options.fetch })
      })
      signal.throwIfAborted()
      if (series === undefined || series.length === 0) {
        final = { backtestId, phase: 'failed', done, total, message: `There are no candles for ${klinesText(klines)}: Binance has none in that range, or the file none in it.` }
      } else {
        const candles = series.length
        report('running', 0, candles, `Running the grid over ${candles.toLocaleString('en-US')} candles`)
        await nextTurn()
        const result = await runBacktest({
          series,
          symbol: config.symbol,
          rules,
          config,
          signal,
          equityPoints: EQUITY_POINTS,
          // Small steps: the run gives the event loop back at each one
          progressEvery: Math.max(500, Math.ceil(candles / 400)),
          onProgress: (step, steps) => report('running', step, steps, `Running the grid: ${step.toLocaleString('en-US')} of ${steps.toLocaleString('en-US')} candles`)
        })
        // The run's summary and the view each take a while on a long run: the loop turns between them
        await nextTurn()
        signal.throwIfAborted()
        const view = backtestResultView({ series, symbol: config.symbol, rules, config, result, notes })
        final = { backtestId, phase: 'done', done: candles, total: candles, message: `Done: ${candles.toLocaleString('en-US')} candles in ${(result.report.elapsedMs / 1000).toFixed(1)} s`, result: view }
      }
    } catch (error) {
      if (signal.aborted) {
        final = { backtestId, phase: 'cancelled', done, total, message: 'The backtest was cancelled.' }
      } else {
        final = { backtestId, phase: 'failed', done, total, message: backtestFailureText(error) }
        this.options.logger.warn('a backtest failed', { backtestId, error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
      }
    }
    // Free before telling, so a start sent on the news of this end is not refused
    if (this.running?.backtestId === backtestId) this.running = undefined
    this.options.logger.info('backtest ended', { backtestId, phase: final.phase })
    this.options.onUpdate(final)
  }

  /** The rules of the app's exchange when it lists the symbol, else the built-in ones, with a note saying so. */
  private async rulesFor(symbol: string): Promise<{ rules: ExchangeRules; notes: string[] }> {
    let problem: string | undefined
    try {
      const session = await this.options.sessionRules?.(symbol)
      if (session?.symbols.has(symbol) === true) return { rules: session, notes: [] }
    } catch (error) {
      problem = (error as Error).message
    }
    const builtIn = parseExchangeInfo(DEFAULT_EXCHANGE_INFO)
    const known = [...builtIn.symbols.keys()]
    if (!builtIn.symbols.has(symbol)) {
      throw new Error(`there are no trading rules for ${symbol}: the app's exchange does not list it${problem === undefined ? '' : ` (${problem})`}, and the built-in rules know ${known.join(' and ')} only`)
    }
    const why = problem === undefined ? "the app's exchange is not connected or does not list it" : `the exchange's could not be read: ${problem}`
    return { rules: builtIn, notes: [`note: the built-in ${symbol} rules were used (${why})`] }
  }
}

/** The candles asked for, checked against the grid: the same symbol, and a file named by its full path. */
function checkedKlines(klines: BacktestKlines, symbol: string): Result<BacktestKlines> {
  if (klines.kind === 'download') {
    return klines.symbol === symbol ? ok(klines) : fail('symbol-mismatch', `the grid trades ${symbol}, but the candles asked for are ${klines.symbol}`)
  }
  const path = klines.path.trim().replace(/^~(?=$|[/\\])/, homedir())
  if (!isAbsolute(path)) return fail('invalid-params', `give the klines file's full path on the machine running Gridkeeper, such as ${join(homedir(), `${symbol}-1m-2024-01.csv`)}`)
  const named = symbolFromFileName(path)
  if (named !== null && named !== symbol) return fail('symbol-mismatch', `the grid trades ${symbol}, but the file's name says it holds ${named} candles`)
  return ok({ ...klines, path })
}
