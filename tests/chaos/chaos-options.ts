import type { SimFaultOptions } from '../../main/engine/exchange/sim/sim-faults'

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
  /** How often each strategy and person action happened (stop-loss, take-profit, recentered, rebalanced, EMERGENCY STOP, paused, held, OCO placed, …). */
  readonly actions: Readonly<Record<string, number>>
  /** How many faults of each kind the simulator injected (its fault counters). */
  readonly faults: Readonly<Record<string, number>>
}

/** The account's balances when a chaos run starts. */
// Beside what the bots are given, the account holds as much again: the person trading by hand trades with that
export const STARTING_BALANCES = { USDT: '4000', BTC: '0.02', ETH: '0.4', BNB: '1' }

/** BNB's price in USDT for commissions paid in BNB (no BNBUSDT market trades in a chaos run). */
export const CHAOS_COMMISSION = { bnbBurn: false, bnbPrices: { USDT: '600' } }

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
  streamDelayMs: 500,
  // What a bot meets on Binance without asking: refusals, -1021 bursts, thin books and
  // self-trade prevention, BNB commissions, and on public trades the exchange or a person acting
  placeRejectMixRate: 0.01,
  timestampBurstRate: 0.002,
  timestampBurstMs: 10_000,
  thinBookRate: 0.05,
  bnbCommissionRate: 0.3,
  exchangeExpireRate: 0.004,
  externalCancelRate: 0.004,
  handTradeRate: 0.01,
  forgetOrderRate: 0.002,
  symbolBreakRate: 0.002,
  symbolBreakMs: 20_000,
  rulesChangeRate: 0.001,
  gapRate: 0.01
}

/** How often the bots of a chaos run reconcile on their own (the shortest interval the configuration allows is 10 s). */
export const CHAOS_RECONCILE_INTERVAL_MS = 30_000
