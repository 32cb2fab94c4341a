import { setImmediate as nextTurn } from 'node:timers/promises'
import { MARKET_STATE_INTERVALS } from '@shared/config/market-intervals'
import { Decimal } from '@shared/money/decimal'
import type { BotConfig } from '@shared/config/bot-config'
import { AccountEngine } from '../engine/account/account-engine'
import { GridBot } from '../engine/bot/grid-bot'
import { LAST_RECENTER, OUT_OF_RANGE_SINCE } from '../engine/bot/grid-replanner'
import { TestClock } from '../engine/clock/test-clock'
import { KLINE_INTERVAL_MS } from '../engine/exchange/port/kline-interval'
import type { ExchangeRules } from '../engine/exchange/rules'
import { SeededRandom } from '../engine/exchange/sim/seeded-random'
import { SimExchange } from '../engine/exchange/sim/sim-exchange'
import { openJournal } from '../engine/journal'
import type { LogFields, Logger } from '../engine/logging/logger'
import type { CandleSeries } from '../klines/candle-series'
import { priceDecimal } from '../klines/price-text'
import { BacktestExchange } from './backtest-exchange'
import type { BacktestResult, EquityPoint } from './backtest-report'
import { summarizeBacktest } from './summarize-backtest'

/** What a backtest runs: a bot configuration over a symbol's candles, on the symbol's rules. */
export interface BacktestOptions {
  readonly series: CandleSeries
  readonly symbol: string
  /** The exchange's rules; the symbol must be among them. */
  readonly rules: ExchangeRules
  readonly config: BotConfig
  /** The simulated exchange's commission rates (the configuration's fees when absent). */
  readonly makerFee?: Decimal
  readonly takerFee?: Decimal
  /** Called with the candles done so far, about every `progressEvery` candles (1 % of the run by default). */
  readonly onProgress?: (done: number, total: number) => void
  readonly progressEvery?: number
  /** Stops the run between candles; it then rejects with the signal's reason. */
  readonly signal?: AbortSignal
  /** Points of the equity curve (500 by default). */
  readonly equityPoints?: number
}

/** A backtest that cannot run: the rules lack the symbol, or the range holds no candle. */
export class BacktestError extends Error {
  override readonly name = 'BacktestError'
}

// Far beyond any real number of rounds; a run that needs more has a bug, and says so
const MAX_DRAIN_ROUNDS = 100_000

/**
 * Runs the real engine — GridBot with its GridTrader, risk exits, market state, recentering and
 * deadlock checks, the FundsLedger and the OrderGateway — over historical candles, on the
 * simulator in its candles fill model and a virtual clock, with an in-memory journal.
 *
 * The fill rule: a resting order fills completely at its own price when a later candle's low ≤
 * price ≤ high, in the order the candle's path reaches it (an up candle dips first: open → low →
 * high → close; a down candle rallies first). A gap between candles fills nothing; an order placed
 * during a candle cannot fill on that candle (a counter-order waits for the next one, even when
 * the price already passed it); MARKET orders (the first purchase of base, a rebalance, a
 * sell-all exit) fill at the last price as taker. A stop-loss or take-profit triggers where the
 * path crosses its price, and the exit trades there.
 *
 * Speed: a candle whose range reaches no resting order, stop, exit trigger or recenter moment is
 * decided with a few number comparisons on the series' exact integer prices; only candles where
 * something happens go through the engine.
 */
export async function runBacktest(options: BacktestOptions): Promise<BacktestResult> {
  const startedAt = performance.now()
  const { series, symbol } = options
  if (series.length === 0) throw new BacktestError('the klines hold no candle in the range')
  const rules = options.rules.symbols.get(symbol)
  if (rules === undefined) throw new BacktestError(`the exchange rules have no symbol ${symbol}`)
  if (options.config.symbol !== symbol) throw new BacktestError(`the configuration trades ${options.config.symbol}, the klines are ${symbol}`)

  const notes: string[] = []
  const config = marketReadableConfig(options.config, series, notes)
  const price = (value: number) => priceDecimal(series, value)
  const scaleFactor = new Decimal(10).pow(series.scale)
  const toScaled = (value: Decimal) => value.mul(scaleFactor).toNumber()
  const unscale = 10 ** -series.scale
  const intervalMs = series.intervalMs
  const clock = new TestClock(series.openTimeMs[0] as number)
  const sim = new SimExchange({
    rules: options.rules,
    clock,
    balances: { [rules.quoteAsset]: config.grid.investment, [rules.baseAsset]: config.grid.baseHeld },
    makerFee: options.makerFee ?? new Decimal(config.fees.maker),
    takerFee: options.takerFee ?? new Decimal(config.fees.taker),
    prices: { [symbol]: price(series.open[0] as number).toFixed() },
    fillModel: 'candles'
  })
  const exchange = new BacktestExchange(sim, series, symbol, clock)
  const journal = openJournal(':memory:')
  const logger = new ProblemLogger()
  const random = new SeededRandom(1)
  const engine = new AccountEngine({ exchange, journal, clock, logger, random: () => random.next() })
  let fillsSeen = 0
  sim.subscribeUserEvents((event) => {
    if (event.type === 'execution' && event.fill !== undefined) fillsSeen += 1
  })

  await engine.start([symbol])
  const theBot = new GridBot(engine, { exchange, journal, clock, logger }, config)
  /** Lets the engine finish everything the last step started: events delivered, levels driven, sends done. */
  const drain = async <T>(work?: Promise<T>): Promise<T | undefined> => {
    let done = work === undefined
    let value: T | undefined
    let failure: unknown
    work?.then(
      (result) => {
        value = result
        done = true
      },
      (error: unknown) => {
        failure = error
        done = true
      }
    )
    for (let round = 0, quiet = 0; round < MAX_DRAIN_ROUNDS; round += 1) {
      await nextTurn()
      // Either may wait on the virtual clock (a retry's backoff): never wait for them alone
      const settled = await Promise.race([Promise.all([engine.drained(), theBot.trader.idle()]).then(() => true), nextTurn().then(() => false)])
      const busy = !settled || sim.pendingUserEvents() > 0 || engine.lock.isHeld()
      if (done && !busy) {
        // Twice quiet in a row: the last step queued nothing more
        if ((quiet += 1) >= 2) break
        continue
      }
      quiet = 0
      // Work that waits on the virtual clock (a retry, a re-priced rebalance) gets its time
      const due = clock.nextDueMs()
      if ((!done || !settled) && sim.pendingUserEvents() === 0 && round > 3 && due !== undefined) await clock.advanceTo(due)
      if (round === MAX_DRAIN_ROUNDS - 1) throw new Error('the engine did not settle (a backtest bug)')
    }
    if (failure !== undefined) throw failure
    return value
  }

  try {
    await drain(theBot.create())
  } catch (error) {
    // A plan with problems, or a start the account cannot fund: said as the engine says it
    throw new BacktestError(`the grid cannot start at the first candle's open (${price(series.open[0] as number).toFixed()}): ${(error as Error).message}`, { cause: error })
  }
  const botId = config.id

  // What the fast path compares each candle with, as numbers on the series' integer scale
  let touchLow = -Infinity
  let touchHigh = Infinity
  let dueMs = Infinity
  let running = true
  let stopLoss: Decimal | undefined
  let takeProfit: Decimal | undefined
  let recenterOn = false
  let outLow = -Infinity
  let outHigh = Infinity
  let outside = false
  let recenterDueMs = Infinity
  let quoteHeld = 0
  let baseHeld = 0
  // A hair of slack: a candle within it of a price is sent through the engine, which decides exactly
  const slack = 1e-6
  const refresh = () => {
    const active = sim.activePrices(symbol)
    const record = theBot.record()
    running = record.status === 'running'
    const risk = theBot.config.risk
    stopLoss = running && risk.stopLoss !== undefined ? new Decimal(risk.stopLoss) : undefined
    takeProfit = running && risk.takeProfit !== undefined ? new Decimal(risk.takeProfit) : undefined
    const low = [active.highestBuy, active.fallTrigger, stopLoss].filter((value) => value !== undefined).map(toScaled)
    const high = [active.lowestSell, active.riseTrigger, takeProfit].filter((value) => value !== undefined).map(toScaled)
    touchLow = low.length === 0 ? -Infinity : Math.max(...low) + slack
    touchHigh = high.length === 0 ? Infinity : Math.min(...high) - slack
    const recenter = theBot.config.recenter
    recenterOn = running && recenter.enabled
    if (recenterOn) {
      const margin = new Decimal(recenter.hysteresisPct).div(100)
      outLow = toScaled(new Decimal(theBot.config.grid.lower).mul(new Decimal(1).sub(margin)))
      outHigh = toScaled(new Decimal(theBot.config.grid.upper).mul(new Decimal(1).add(margin)))
    }
    dueMs = clock.nextDueMs() ?? Infinity
    quoteHeld = engine.ledger.owned(botId, rules.quoteAsset).toNumber()
    baseHeld = engine.ledger.owned(botId, rules.baseAsset).toNumber()
  }

  const checkRecenter = async (closeTimeMs: number, close: number) => {
    if (clock.nowMs() < closeTimeMs) await clock.advanceTo(closeTimeMs)
    sim.jumpTo(symbol, price(close))
    const found = await drain(theBot.checkRecenter())
    const recenter = theBot.config.recenter
    if (found === 'waiting') recenterDueMs = (journal.getTimer(botId, OUT_OF_RANGE_SINCE)?.atMs ?? clock.nowMs()) + recenter.confirmationMs
    else if (found === 'cooldown') recenterDueMs = (journal.getTimer(botId, LAST_RECENTER)?.atMs ?? clock.nowMs()) + recenter.cooldownMs
    else if (found === 'refused') recenterDueMs = clock.nowMs() + recenter.confirmationMs
    else recenterDueMs = Infinity
    outside = found === 'waiting' || found === 'cooldown' || found === 'refused'
    refresh()
  }

  /** Takes one candle through the engine: market state, the path with exits where crossed, then what follows. */
  const slowCandle = async (index: number) => {
    const openTimeMs = series.openTimeMs[index] as number
    if (clock.nowMs() < openTimeMs) await clock.advanceTo(openTimeMs)
    const open = price(series.open[index] as number)
    const low = price(series.low[index] as number)
    const high = price(series.high[index] as number)
    const close = price(series.close[index] as number)
    // From here on, what the engine places waits for the next candle (the fill rule)
    sim.openCandle()
    sim.jumpTo(symbol, open)
    const fillsBefore = fillsSeen
    // The market is read when a candle of its interval closed since the last reading (the bot reads it live as often)
    const marketBucket = Math.floor(openTimeMs / marketIntervalMs)
    if (running && marketBucket !== lastMarketBucket) {
      lastMarketBucket = marketBucket
      await drain(theBot.updateMarketState())
    }
    // A gap through an exit price: the exit happens at the open
    if (running && ((stopLoss !== undefined && open.lte(stopLoss)) || (takeProfit !== undefined && open.gte(takeProfit)))) {
      await drain(theBot.checkRisk())
      refresh()
    }
    const path = close.gte(open) ? [open, low, high, close] : [open, high, low, close]
    for (let leg = 0; leg < 3; leg += 1) {
      let from = path[leg] as Decimal
      const to = path[leg + 1] as Decimal
      const legTimeMs = openTimeMs + Math.floor(((leg + 1) * intervalMs) / 4)
      if (clock.nowMs() < legTimeMs) await clock.advanceTo(legTimeMs)
      const exitAt = running ? exitCrossed(from, to, stopLoss, takeProfit) : undefined
      if (exitAt !== undefined) {
        sim.sweep(symbol, from, exitAt)
        await drain()
        await drain(theBot.checkRisk())
        refresh()
        from = exitAt
      }
      sim.sweep(symbol, from, to)
      await drain()
    }
    const closeTimeMs = openTimeMs + intervalMs - 1
    if (clock.nowMs() < closeTimeMs) await clock.advanceTo(closeTimeMs)
    await drain()
    if (running && theBot.trader.failedPlacements().length > 0) await drain(theBot.checkDeadlock())
    if (running && fillsSeen !== fillsBefore && theBot.config.risk.ocoBackstop) await drain(theBot.syncBackstop())
    refresh()
    if (recenterOn) {
      const closeScaled = series.close[index] as number
      const nowOutside = closeScaled < outLow || closeScaled > outHigh
      if (nowOutside !== outside || (outside && closeTimeMs >= recenterDueMs)) await checkRecenter(closeTimeMs, closeScaled)
    }
  }

  const marketIntervalMs = KLINE_INTERVAL_MS[config.marketState.candleInterval]
  let lastMarketBucket = Number.NaN
  refresh()
  const total = series.length
  const progressEvery = Math.max(1, options.progressEvery ?? Math.ceil(total / 100))
  const sampleEvery = Math.max(1, Math.ceil(total / (options.equityPoints ?? 500)))
  const equity: EquityPoint[] = []
  let peak = -Infinity
  let maxDrawdown = 0
  for (let index = 0; index < total; index += 1) {
    const low = series.low[index] as number
    const high = series.high[index] as number
    const openTimeMs = series.openTimeMs[index] as number
    if (low <= touchLow || high >= touchHigh || openTimeMs >= dueMs) {
      await slowCandle(index)
    } else if (recenterOn) {
      const close = series.close[index] as number
      const nowOutside = close < outLow || close > outHigh
      if (nowOutside !== outside || (outside && openTimeMs + intervalMs - 1 >= recenterDueMs)) await checkRecenter(openTimeMs + intervalMs - 1, close)
    }
    // Equity marked at the close, for the drawdown and the curve (a statistic: plain numbers)
    const value = quoteHeld + baseHeld * (series.close[index] as number) * unscale
    if (value > peak) peak = value
    else if (peak > 0 && (peak - value) / peak > maxDrawdown) maxDrawdown = (peak - value) / peak
    if (index % sampleEvery === 0 || index === total - 1) equity.push({ timeMs: openTimeMs + intervalMs, value })
    if ((index + 1) % progressEvery === 0) {
      options.onProgress?.(index + 1, total)
      // Lets the process answer others (the app's window) during a long run
      await nextTurn()
      options.signal?.throwIfAborted()
    }
  }
  options.onProgress?.(total, total)
  await drain()

  const result = summarizeBacktest({
    journal,
    botId,
    config: theBot.config,
    startConfig: config,
    rules,
    series,
    maxDrawdown,
    problems: logger.problems
  })
  journal.close()
  return { ...result, report: { ...result.report, elapsedMs: Math.round(performance.now() - startedAt) }, equity, warnings: [...notes, ...logger.problems] }
}

/**
 * The configuration with a market-state interval the klines can build: when theirs is coarser
 * than the configured one (hourly klines, 5m market state), the market is read on the klines'
 * own interval, and a note says so; klines coarser than 4h cannot feed the market state at all.
 */
function marketReadableConfig(config: BotConfig, series: CandleSeries, notes: string[]): BotConfig {
  const wanted = config.marketState.candleInterval
  if (KLINE_INTERVAL_MS[wanted] % series.intervalMs === 0) return config
  const own = MARKET_STATE_INTERVALS.find((interval) => interval === series.interval)
  if (own === undefined) throw new BacktestError(`${series.interval} klines are too coarse to read the market state from (at most 4h): use finer klines`)
  notes.push(`note: the market state is read on ${own} candles, the klines' interval, not on ${wanted} as configured`)
  return { ...config, marketState: { ...config.marketState, candleInterval: own } }
}

/** The exit price a leg crosses first, if any: the stop-loss on a fall, the take-profit on a rise. */
function exitCrossed(from: Decimal, to: Decimal, stopLoss: Decimal | undefined, takeProfit: Decimal | undefined): Decimal | undefined {
  if (to.lt(from) && stopLoss !== undefined && stopLoss.lt(from) && stopLoss.gte(to)) return stopLoss
  if (to.gt(from) && takeProfit !== undefined && takeProfit.gt(from) && takeProfit.lte(to)) return takeProfit
  return undefined
}


/** A logger that keeps only what went wrong (warnings and errors), for the report. */
class ProblemLogger implements Logger {
  readonly problems: string[] = []

  debug(): void {}

  info(): void {}

  warn(message: string, fields: LogFields = {}): void {
    this.problems.push(`warn: ${message} ${JSON.stringify(fields)}`)
  }

  error(message: string, fields: LogFields = {}): void {
    this.problems.push(`error: ${message} ${JSON.stringify(fields)}`)
  }
}
