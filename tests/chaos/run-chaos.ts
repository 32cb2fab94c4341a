import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { GridBot } from '../../main/engine/bot/grid-bot'
import { settle } from '../../main/engine/clock/test-clock'
import { parseOrderId } from '../../main/engine/grid/trader/client-order-ids'
import type { SimFaultOptions } from '../../main/engine/exchange/sim/sim-faults'
import { botConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import type { GridBotConfig } from '../../main/engine/bot/grid-bot-config'
import { BOT_CONFIG, ETH_BOT_CONFIG, seededRandom, SimWorld } from '../engine/harness'
import { ChaosMarket } from './chaos-market'
import { checkInvariants } from './chaos-invariants'

/** How one chaos run is shaped. */
export interface ChaosOptions {
  readonly seed: number
  readonly steps: number
  /** Chance per step that the engine process dies (at a random point of its work). */
  readonly crashRate: number
  /** Chance per step that the user-data stream drops (it comes back a few steps later). */
  readonly disconnectRate: number
  readonly faults: SimFaultOptions
  /** 1: one BTCUSDT bot; 2: a BTCUSDT and an ETHUSDT bot sharing the account's USDT. */
  readonly bots?: 1 | 2
  /** Chance per step that a person acts on a bot: pause, hold a level, or EMERGENCY STOP (undone a few steps later). */
  readonly actionRate?: number
  /**
   * Give the bots a stop-loss and take-profit near the edges of the market, and a short recenter
   * confirmation, and run their risk, recenter and deadlock checks as they would run live.
   */
  readonly strategy?: boolean
}

/** What one run found. */
export interface ChaosResult {
  readonly seed: number
  readonly violations: readonly string[]
  readonly trace: readonly string[]
  readonly crashes: number
  readonly fills: number
  /** How often each strategy action happened (stop-loss, take-profit, recentered, rebalanced, EMERGENCY STOP, paused, held). */
  readonly actions: Readonly<Record<string, number>>
}

const STARTING_BALANCES = { USDT: '2000', BTC: '0.01', ETH: '0.2' }

/** The fault mix of chaos runs: every kind the simulator has, at rates that keep the grid trading. */
export const CHAOS_FAULTS: SimFaultOptions = {
  timeoutAfterAcceptRate: 0.04,
  timeoutBeforeAcceptRate: 0.04,
  rateLimitRate: 0.04,
  rateLimitRetryAfterMs: 2_000,
  cancelTimeoutRate: 0.05,
  streamDropRate: 0.03,
  streamDuplicateRate: 0.03,
  streamDelayRate: 0.03,
  streamDelayMs: 500
}

/**
 * Runs one bot through a seeded market with random faults and crashes, then lets it heal (faults
 * off, stream back, a reconciliation) and checks the invariants against the exchange.
 */
export async function runChaos(options: ChaosOptions, folder: string): Promise<ChaosResult> {
  const random = seededRandom(options.seed)
  const trace: string[] = []
  const world = new SimWorld(join(folder, `chaos-${options.seed}.sqlite`), { seed: options.seed, faults: options.faults, balances: STARTING_BALANCES })
  const plain = options.bots === 2 ? [BOT_CONFIG, ETH_BOT_CONFIG] : [BOT_CONFIG]
  const configs = options.strategy === true ? plain.map((config) => withStrategy(config, random)) : plain
  // In strategy runs the market's middle wanders, so the price can leave a grid's range for good
  const wander = options.strategy === true ? 0.004 : 0
  const markets = configs.map((config) => (config.symbol === 'ETHUSDT' ? new ChaosMarket(random, 3_000, 4, wander) : new ChaosMarket(random, 60_000, 5, wander)))
  let crashes = 0
  let reconnectAtStep = -1
  type Undo = { readonly atStep: number; readonly botId: string; readonly what: 'resume' | 'release'; readonly level?: number }
  const undo: Undo[] = []
  const stopViolations: string[] = []
  const undoAction = async (entry: Undo) => {
    const bot = world.process?.bots.find((candidate) => candidate.config.id === entry.botId)
    if (bot === undefined) return
    trace.push(`${entry.botId} ${entry.what}${entry.level === undefined ? '' : ` level ${entry.level}`}`)
    if (entry.what === 'resume') await world.run(bot.resume())
    else await world.run(bot.releaseLevel(entry.level ?? 0))
  }
  const boot = async (why: string) => {
    try {
      await world.boot(configs, options.seed)
    } catch (error) {
      trace.push(`${why} failed: ${String(error)}`)
      throw error
    }
  }
  await boot('start')
  for (let step = 0; step < options.steps; step += 1) {
    configs.forEach((config, index) => {
      const { price, quantity } = (markets[index] as ChaosMarket).next()
      world.exchange.trade(config.symbol, price, quantity)
    })
    await settle(Math.floor(random() * 6))
    const roll = random()
    if (roll < options.crashRate) {
      crashes += 1
      trace.push(`step ${step}: crash`)
      world.crash()
      const missed = Math.floor(random() * 3)
      for (let index = 0; index < missed; index += 1) {
        configs.forEach((config, marketIndex) => {
          const offline = (markets[marketIndex] as ChaosMarket).next()
          world.exchange.trade(config.symbol, offline.price, offline.quantity)
        })
      }
      await boot(`restart at step ${step}`)
    } else if (roll < options.crashRate + options.disconnectRate && reconnectAtStep < 0) {
      trace.push(`step ${step}: user-data stream dropped`)
      world.exchange.disconnectStream()
      reconnectAtStep = step + 1 + Math.floor(random() * 5)
    }
    if (random() < (options.actionRate ?? 0) && world.process !== undefined) {
      const bot = world.process.bots[Math.floor(random() * world.process.bots.length)] as GridBot
      const kind = random()
      if (kind < 0.4) {
        trace.push(`step ${step}: ${bot.config.id} paused`)
        bot.pause()
        undo.push({ atStep: step + 2 + Math.floor(random() * 6), botId: bot.config.id, what: 'resume' })
      } else if (kind < 0.7) {
        const level = Math.floor(random() * (bot.config.grid.grids + 1))
        trace.push(`step ${step}: ${bot.config.id} level ${level} held`)
        await world.run(bot.holdLevel(level)).catch((error: unknown) => trace.push(`hold failed: ${String(error)}`))
        undo.push({ atStep: step + 2 + Math.floor(random() * 6), botId: bot.config.id, what: 'release', level })
      } else {
        trace.push(`step ${step}: ${bot.config.id} EMERGENCY STOP`)
        const report = await world.run(bot.emergencyStop({ sellBase: random() < 0.3 }))
        const left = (await world.exchange.openOrders(bot.config.symbol)).filter((order) => parseOrderId(order.clientOrderId)?.botId === bot.config.id)
        if (left.length > 0) stopViolations.push(`step ${step}: after EMERGENCY STOP of ${bot.config.id} the exchange still shows ${left.map((order) => order.clientOrderId).join(', ')} (report: ${report.stillOpen.join(', ')})`)
        undo.push({ atStep: step + 2 + Math.floor(random() * 6), botId: bot.config.id, what: 'resume' })
      }
    }
    for (const due of undo.filter((entry) => entry.atStep === step)) await undoAction(due)
    if (options.strategy === true && world.process !== undefined) {
      // Strategy runs span hours of exchange time, as recentering does
      await world.clock.advance(5_000)
      for (const bot of world.process.bots) {
        const trigger = await world.run(bot.checkRisk())
        if (trigger !== undefined) {
          trace.push(`step ${step}: ${bot.config.id} ${trigger} (${bot.config.risk.stopOutcome})`)
          undo.push({ atStep: step + 3 + Math.floor(random() * 6), botId: bot.config.id, what: 'resume' })
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
    if (step === reconnectAtStep) {
      trace.push(`step ${step}: user-data stream back`)
      world.exchange.reconnectStream()
      reconnectAtStep = -1
    }
    await world.quiesce(2)
  }
  world.exchange.faults.configure({ timeoutAfterAcceptRate: 0, timeoutBeforeAcceptRate: 0, rateLimitRate: 0, cancelTimeoutRate: 0, streamDropRate: 0, streamDuplicateRate: 0, streamDelayRate: 0, placeRejectRate: 0 })
  if (reconnectAtStep >= 0) world.exchange.reconnectStream()
  await world.quiesce(40)
  // A person undoes whatever is still paused, held or stopped: the grid must be whole again
  for (const entry of undo.filter((candidate) => candidate.atStep >= options.steps)) await undoAction(entry)
  for (const bot of world.process?.bots ?? []) {
    for (const level of bot.trader.levelStates().filter((state) => state.held === true)) await world.run(bot.releaseLevel(level.index))
    if (bot.record().status === 'paused' || bot.record().status === 'stopped') await world.run(bot.resume())
  }
  await world.quiesce(40)
  const process = world.process
  if (process === undefined) throw new Error('no engine process at the end of the run')
  for (const bot of process.bots) await bot.reconcile()
  await world.quiesce(40)
  const violations = [...stopViolations, ...(await checkInvariants({
    exchange: world.exchange,
    journal: process.journal,
    ledger: process.engine.ledger,
    bots: configs.map((config) => {
      const baseAsset = config.symbol.replace(/USDT$/, '')
      return { botId: config.id, symbol: config.symbol, baseAsset, quoteAsset: 'USDT', allocation: { USDT: config.grid.investment, [baseAsset]: config.grid.baseHeld } }
    }),
    startingBalances: STARTING_BALANCES
  }))]
  const fills = configs.reduce((total, config) => total + process.journal.listFills(config.id).length, 0)
  const eventCount = (type: string) => configs.reduce((total, config) => total + process.journal.listBotEvents(config.id, { limit: 100_000 }).filter((event) => event.type === type).length, 0)
  const ocoPlaced = eventCount('OcoPlaced')
  const marketChanges = eventCount('MarketStateChanged')
  world.crash()
  trace.push(...world.pastProblems, `faults injected: ${JSON.stringify(world.exchange.faults.stats())}`)
  const actions: Record<string, number> = {}
  for (const line of trace) {
    const kind = ['stop-loss', 'take-profit', 'recentered', 'rebalanced', 'EMERGENCY STOP', 'paused', 'held'].find((name) => line.includes(` ${name}`))
    if (kind !== undefined) actions[kind] = (actions[kind] ?? 0) + 1
  }
  if (ocoPlaced > 0) actions['OCO placed'] = ocoPlaced
  if (marketChanges > 0) actions['market state changes'] = marketChanges
  return { seed: options.seed, violations, trace, crashes, fills, actions }
}

/** Runs several seeds in a fresh temporary folder under `.tmp`, removed afterwards. */
export async function runChaosSeries(seeds: readonly number[], shape: Omit<ChaosOptions, 'seed'>): Promise<ChaosResult[]> {
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'chaos-'))
  try {
    const results: ChaosResult[] = []
    for (const seed of seeds) {
      try {
        results.push(await runChaos({ ...shape, seed }, folder))
      } catch (error) {
        results.push({ seed, violations: [`the run stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`], trace: [], crashes: 0, fills: 0, actions: {} })
      }
    }
    return results
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

/** A bot configuration with stops near the market's edges and quick recentering, for strategy chaos. */
function withStrategy(config: GridBotConfig, random: () => number): GridBotConfig {
  const lower = new Decimal(config.grid.lower)
  const upper = new Decimal(config.grid.upper)
  const outcomes = ['keep', 'cancel', 'sell-all'] as const
  // Near stops fire often; far ones leave room for the price to stay outside the range and recenter
  const margin = random() < 0.5 ? new Decimal('0.015') : new Decimal('0.2')
  return botConfig({
    ...config,
    // The bot is given more base than its grid needs, so there is inventory for the OCO backstop
    grid: { ...config.grid, baseHeld: config.symbol === 'ETHUSDT' ? '0.2' : '0.01' },
    risk: {
      stopLoss: lower.mul(new Decimal(1).sub(margin)).toDecimalPlaces(2).toFixed(),
      takeProfit: upper.mul(new Decimal(1).add(margin)).toDecimalPlaces(2).toFixed(),
      stopOutcome: outcomes[Math.floor(random() * outcomes.length)] ?? 'cancel',
      ocoBackstop: true
    },
    recenter: { enabled: true, confirmationMs: 60_000, cooldownMs: 120_000, hysteresisPct: '0.5' },
    marketState: { candleInterval: '1m', windowCandles: 5, trendThresholdPct: '1', volatilityThresholdPct: '2', hysteresisCandles: 2 },
    protective: { noBuysInDowntrend: true, pauseBuysWhenVolatile: random() < 0.5 },
    deadlock: { cooldownMs: 60_000 },
    baseTrades: { attempts: 2, repriceIntervalMs: 5_000, useMarketOrders: true }
  })
}
