import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { settle } from '../../main/engine/clock/test-clock'
import { seededRandom, SimWorld } from '../engine/harness'
import { countActions } from './chaos-actions'
import { auditChaosWorld } from './chaos-audit'
import { chaosConfigs } from './chaos-configs'
import { chaosRules } from './chaos-rules'
import { ChaosMarket } from './chaos-market'
import { CHAOS_COMMISSION, CHAOS_RECONCILE_INTERVAL_MS, STARTING_BALANCES, type ChaosOptions, type ChaosResult } from './chaos-options'
import { PersonActions } from './person-actions'
import { startReconciling } from './reconcile-loops'
import { faultsOff, settleEngine } from './settle-engine'
import { strategyStep } from './strategy-mix'

export { CHAOS_FAULTS, type ChaosOptions, type ChaosResult } from './chaos-options'

/** How long the engine settles on its own before each audit: two periodic reconciliations and then some. */
const SETTLE_MS = 2 * CHAOS_RECONCILE_INTERVAL_MS + 30_000

/**
 * Runs the bots through a seeded market with random faults, crashes, stream drops and a person's
 * actions (and, in strategy runs, their stops, recenters, deadlock checks and OCO backstop). At
 * the end the faults stop and the engine settles by itself — only the clock and the exchange's
 * events move, its own reconnect handling and periodic reconciliation run — and the auditor
 * checks the exchange's records before anything is healed. Then a person undoes what is held,
 * paused or stopped, the engine settles again, and a second audit checks the grid is whole.
 */
export async function runChaos(options: ChaosOptions, folder: string): Promise<ChaosResult> {
  const random = seededRandom(options.seed)
  const trace: string[] = []
  const exchangeRules = chaosRules(options.seed)
  const world = new SimWorld(join(folder, `chaos-${options.seed}.sqlite`), { seed: options.seed, faults: options.faults, balances: STARTING_BALANCES, commission: CHAOS_COMMISSION, rules: exchangeRules.rules })
  trace.push(`rules: self-trade prevention ${exchangeRules.stpMode}${exchangeRules.withoutMarket.length === 0 ? '' : `, no MARKET orders on ${exchangeRules.withoutMarket.join(', ')}`}`)
  const configs = chaosConfigs(options, random)
  // In strategy runs the market's middle wanders, so the price can leave a grid's range for good
  const wander = options.strategy === true ? 0.004 : 0
  const markets = configs.map((config) => (config.symbol === 'ETHUSDT' ? new ChaosMarket(random, 3_000, 4, wander) : new ChaosMarket(random, 60_000, 5, wander)))
  const person = new PersonActions(world, random, trace)
  let crashes = 0
  let reconnectAtStep = -1
  let loops: AbortController | undefined
  const boot = async (why: string, step: number) => {
    try {
      const process = await world.boot(configs, options.seed, true)
      loops = startReconciling(process)
      // A start can fail (its base bought short, say): the bot is stored failed, and the person resumes it later
      for (const failed of process.failedStarts) {
        trace.push(`${why}: ${failed.botId} did not start: ${failed.reason}`)
        const bot = process.bots.find((candidate) => candidate.config.id === failed.botId)
        if (bot !== undefined) person.resumeLater(step, bot, 2 + Math.floor(random() * 6))
      }
    } catch (error) {
      trace.push(`${why} failed: ${String(error)}`)
      throw error
    }
  }
  const crash = () => {
    loops?.abort()
    world.crash()
  }
  const printTrades = () => configs.forEach((config, index) => {
    const { price, quantity } = (markets[index] as ChaosMarket).next()
    world.exchange.trade(config.symbol, price, quantity)
  })
  await boot('start', 0)
  for (let step = 0; step < options.steps; step += 1) {
    printTrades()
    await settle(Math.floor(random() * 6))
    const roll = random()
    if (roll < options.crashRate) {
      crashes += 1
      trace.push(`step ${step}: crash`)
      crash()
      const missed = Math.floor(random() * 3)
      for (let index = 0; index < missed; index += 1) printTrades()
      await boot(`restart at step ${step}`, step)
    } else if (roll < options.crashRate + options.disconnectRate && reconnectAtStep < 0) {
      trace.push(`step ${step}: user-data stream dropped`)
      world.exchange.disconnectStream()
      reconnectAtStep = step + 1 + Math.floor(random() * 5)
    }
    if (random() < (options.actionRate ?? 0)) await person.act(step)
    await person.undoDue(step)
    if (options.strategy === true) await strategyStep(world, step, person, random, trace)
    if (step === reconnectAtStep) {
      trace.push(`step ${step}: user-data stream back`)
      world.exchange.reconnectStream()
      reconnectAtStep = -1
    }
    await world.quiesce(2)
  }
  faultsOff(world)
  if (reconnectAtStep >= 0) {
    trace.push('end: user-data stream back')
    world.exchange.reconnectStream()
  }
  await settleEngine(world, SETTLE_MS)
  const beforeHeal = await auditChaosWorld(world, configs)
  // A person undoes whatever is still paused, held or stopped: the grid must be whole again
  await person.undoAll(options.steps)
  await settleEngine(world, SETTLE_MS)
  const afterHeal = await auditChaosWorld(world, configs)
  const violations = [
    ...person.stopViolations,
    ...beforeHeal.map((line) => `${afterHeal.includes(line) ? 'before and after the heal' : 'before the heal'}: ${line}`),
    ...afterHeal.filter((line) => !beforeHeal.includes(line)).map((line) => `after the heal: ${line}`)
  ]
  const engine = world.process
  const fills = engine === undefined ? 0 : configs.reduce((total, config) => total + engine.journal.listFills(config.id).length, 0)
  const actions = engine === undefined ? {} : countActions(trace, engine.journal, configs.map((config) => config.id))
  crash()
  // What the run's rules held out of the ordinary counts beside the faults: a symbol without MARKET
  const faults = { ...world.exchange.faults.stats(), symbolsWithoutMarket: exchangeRules.withoutMarket.length }
  trace.push(...world.pastProblems, `faults injected: ${JSON.stringify(faults)}`)
  return { seed: options.seed, violations, trace, crashes, fills, actions, faults }
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
        results.push({ seed, violations: [`the run stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`], trace: [], crashes: 0, fills: 0, actions: {}, faults: {} })
      }
    }
    return results
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
