import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { settle } from '../../main/engine/clock/test-clock'
import type { SimFaultOptions } from '../../main/engine/exchange/sim/sim-faults'
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
}

/** What one run found. */
export interface ChaosResult {
  readonly seed: number
  readonly violations: readonly string[]
  readonly trace: readonly string[]
  readonly crashes: number
  readonly fills: number
}

const STARTING_BALANCES = { USDT: '2000', BTC: '0', ETH: '0' }

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
  const configs = options.bots === 2 ? [BOT_CONFIG, ETH_BOT_CONFIG] : [BOT_CONFIG]
  const markets = configs.map((config) => (config.symbol === 'ETHUSDT' ? new ChaosMarket(random, 3_000, 4) : new ChaosMarket(random)))
  let crashes = 0
  let reconnectAtStep = -1
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
  const process = world.process
  if (process === undefined) throw new Error('no engine process at the end of the run')
  for (const bot of process.bots) await bot.reconcile()
  await world.quiesce(40)
  const violations = await checkInvariants({
    exchange: world.exchange,
    journal: process.journal,
    ledger: process.engine.ledger,
    bots: configs.map((config) => {
      const baseAsset = config.symbol.replace(/USDT$/, '')
      return { botId: config.id, symbol: config.symbol, baseAsset, quoteAsset: 'USDT', allocation: { USDT: config.grid.investment, [baseAsset]: config.grid.baseHeld } }
    }),
    startingBalances: STARTING_BALANCES
  })
  const fills = configs.reduce((total, config) => total + process.journal.listFills(config.id).length, 0)
  world.crash()
  trace.push(...world.pastProblems, `faults injected: ${JSON.stringify(world.exchange.faults.stats())}`)
  return { seed: options.seed, violations, trace, crashes, fills }
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
        results.push({ seed, violations: [`the run stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`], trace: [], crashes: 0, fills: 0 })
      }
    }
    return results
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
