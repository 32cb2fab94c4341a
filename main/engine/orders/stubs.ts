import { Decimal } from '@shared/money/decimal'
import type { Clock } from '../clock/clock'
import { settle, TestClock } from '../clock/test-clock'
import { clientOrderId, tradeId, venueOrderId } from '../exchange/port/identifiers'
import type { FillReport, OrderStatusReport } from '../exchange/port/order-report'
import type { ExecutionEvent, ExecutionType } from '../exchange/port/user-event'
import { RulesSource } from '../exchange/rules/rules-source'
import { SimExchange } from '../exchange/sim/sim-exchange'
import { simRules, T0 } from '../exchange/sim/stubs'
import { FundsLedger } from '../funds/funds-ledger'
import { openJournal, type IntentRecord, type SqliteJournal } from '../journal'
import { botRecord, intentRecord } from '../journal/stubs'
import { MemoryLogger } from '../logging/logger'
import { AsyncLock } from './async-lock'
import type { OrderCommand } from './order'
import type { OrderFilled } from './order-event'
import { OrderGateway } from './order-gateway'
import { OrderTracker } from './order-tracker'
import type { RetryPolicy } from './retry-policy'

/** An order command for tests: BUY 1 TESTUSDT at 100 unless overridden. */
export function orderCommand(overrides: Partial<OrderCommand> = {}): OrderCommand {
  return {
    clientOrderId: clientOrderId('gk-1-L3B-1'),
    botId: '1',
    symbol: 'TESTUSDT',
    side: 'BUY',
    type: 'LIMIT',
    quantity: new Decimal('1'),
    price: new Decimal('100'),
    ...overrides
  }
}

/** A fill event for tests. */
export function filled(trade: string, quantity: string, overrides: Partial<OrderFilled> = {}): OrderFilled {
  return {
    type: 'OrderFilled',
    tradeId: tradeId(trade),
    venueOrderId: venueOrderId('1000'),
    price: new Decimal('100'),
    quantity: new Decimal(quantity),
    commission: new Decimal('0'),
    commissionAsset: 'TEST',
    isMaker: true,
    atMs: 1,
    ...overrides
  }
}

/** The bot every gateway and tracker test trades for. */
export const TEST_BOT_ID = 'bot-1'

/** The exchange methods a CallLog watches. */
export const WATCHED_METHODS = ['placeOrder', 'cancelOrder', 'queryOrder', 'myTrades', 'account', 'exchangeInfo', 'lastPrice', 'avgPrice'] as const

/** An exchange method a CallLog watches. */
export type WatchedMethod = (typeof WATCHED_METHODS)[number]

/** One call made to the simulator. */
export interface ExchangeCall {
  readonly method: WatchedMethod
  /** The clock's time when the call was made. */
  readonly atMs: number
  readonly args: readonly unknown[]
}

/**
 * The calls made to one simulator, in order, with the clock's time of each. The simulator still
 * answers every call itself; a hook can run first (to look at the journal at the moment of a send,
 * or to make a call take clock time).
 */
export class CallLog {
  readonly calls: ExchangeCall[] = []
  private readonly hooks = new Map<WatchedMethod, ((call: ExchangeCall) => void | Promise<void>)[]>()
  private readonly inFlight = new Map<WatchedMethod, number>()
  private readonly peak = new Map<WatchedMethod, number>()

  /** Returns how many times `method` was called. */
  count(method: WatchedMethod): number {
    return this.of(method).length
  }

  /** Returns the calls of `method`, oldest first. */
  of(method: WatchedMethod): ExchangeCall[] {
    return this.calls.filter((call) => call.method === method)
  }

  /** Returns the clock times of the calls of `method`, relative to `originMs`. */
  timesOf(method: WatchedMethod, originMs: number): number[] {
    return this.of(method).map((call) => call.atMs - originMs)
  }

  /** Returns the methods called, in order (optionally only some of them). */
  sequence(only: readonly WatchedMethod[] = WATCHED_METHODS): WatchedMethod[] {
    return this.calls.filter((call) => only.includes(call.method)).map((call) => call.method)
  }

  /** Returns the most calls of `method` that were ever under way at once. */
  maxInFlight(method: WatchedMethod): number {
    return this.peak.get(method) ?? 0
  }

  /** Forgets the calls recorded so far (a test's own setup calls, say). */
  reset(): void {
    this.calls.length = 0
  }

  /** Runs `hook` at the start of every later call of `method`, before the simulator sees the call. */
  before(method: WatchedMethod, hook: (call: ExchangeCall) => void | Promise<void>): void {
    this.hooks.set(method, [...(this.hooks.get(method) ?? []), hook])
  }

  /** Records a call, runs its hooks and then the simulator's own method. */
  async record<T>(call: ExchangeCall, answer: () => Promise<T>): Promise<T> {
    this.calls.push(call)
    const running = (this.inFlight.get(call.method) ?? 0) + 1
    this.inFlight.set(call.method, running)
    this.peak.set(call.method, Math.max(this.peak.get(call.method) ?? 0, running))
    try {
      for (const hook of this.hooks.get(call.method) ?? []) await hook(call)
      return await answer()
    } finally {
      this.inFlight.set(call.method, (this.inFlight.get(call.method) ?? 1) - 1)
    }
  }
}

/** Starts recording the calls made to a simulator from now on. */
export function watchExchange(sim: SimExchange, clock: Clock): CallLog {
  const log = new CallLog()
  const methods = sim as unknown as Record<WatchedMethod, (...args: unknown[]) => Promise<unknown>>
  for (const method of WATCHED_METHODS) {
    const original = methods[method].bind(sim)
    methods[method] = (...args: unknown[]) => log.record({ method, atMs: clock.nowMs(), args }, () => original(...args))
  }
  return log
}

/**
 * Awaits work that sleeps on a test clock: lets pending callbacks run and moves the clock to the
 * next sleeper's due time, again and again, until the work settles. Throws if it stalls.
 */
export async function runOnClock<T>(clock: TestClock, work: Promise<T>): Promise<T> {
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined
  work.then(
    (value) => (outcome = { ok: true, value }),
    (error: unknown) => (outcome = { ok: false, error })
  )
  let idleRounds = 0
  for (let round = 0; round < 10_000 && outcome === undefined && idleRounds < 20; round += 1) {
    await settle()
    if (outcome !== undefined) break
    const dueMs = clock.nextDueMs()
    if (dueMs === undefined) idleRounds += 1
    else await clock.advanceTo(dueMs)
  }
  if (outcome === undefined) throw new Error('the work stalled: it neither settled nor sleeps on the clock')
  if (!outcome.ok) throw outcome.error
  return outcome.value
}

/** How to build an order world. */
export interface OrderWorldOptions {
  /** The account's free balances on the simulator (default 10000 USDT and 1 BTC). */
  readonly balances?: Readonly<Record<string, string>>
  /** What bot-1 owns in the ledger (default 1000 USDT and 0.05 BTC). */
  readonly share?: Readonly<Record<string, string>>
  /** BTCUSDT's last price (default 60000). */
  readonly price?: string
  readonly policy?: RetryPolicy
}

/**
 * A simulator, a journal, the rules, a funds ledger with one bot's share, the tracker and the
 * gateway, all real and wired the way the account engine wires them, but without the user-data
 * subscription: each test feeds the tracker itself. Calls to the simulator made after the world
 * is built are recorded in `calls`.
 */
export interface OrderWorld {
  readonly clock: TestClock
  readonly sim: SimExchange
  readonly journal: SqliteJournal
  readonly rules: RulesSource
  readonly ledger: FundsLedger
  readonly tracker: OrderTracker
  readonly gateway: OrderGateway
  readonly lock: AsyncLock
  readonly logger: MemoryLogger
  readonly calls: CallLog
  /** Writes a pending intent of bot-1 (BUY 0.01 BTCUSDT at 59000 LIMIT unless overridden); returns its id. */
  addIntent(overrides?: Partial<IntentRecord>): string
  /** Awaits work, moving the clock for its sleeps (see runOnClock). */
  run<T>(work: Promise<T>): Promise<T>
}

/** Builds an order world (see OrderWorld); jitter is fixed at the middle (random() = 0.5). */
export async function orderWorld(options: OrderWorldOptions = {}): Promise<OrderWorld> {
  const clock = new TestClock(T0)
  const sim = new SimExchange({
    rules: simRules(),
    clock,
    balances: options.balances ?? { USDT: '10000', BTC: '1' },
    makerFee: new Decimal('0.001'),
    takerFee: new Decimal('0.002'),
    prices: { BTCUSDT: options.price ?? '60000', ETHUSDT: '3000' },
    seed: 1
  })
  const journal = openJournal(':memory:')
  journal.saveBot(botRecord({ botId: TEST_BOT_ID, symbol: 'BTCUSDT' }))
  const rules = new RulesSource(sim)
  await rules.refresh(['BTCUSDT'])
  const ledger = new FundsLedger(await sim.account())
  const share = options.share ?? { USDT: '1000', BTC: '0.05' }
  ledger.registerBot(TEST_BOT_ID, Object.fromEntries(Object.entries(share).map(([asset, amount]) => [asset, new Decimal(amount)])))
  const logger = new MemoryLogger()
  const tracker = new OrderTracker({ journal, ledger, rules, logger, nowMs: () => clock.nowMs() })
  const lock = new AsyncLock()
  const gateway = new OrderGateway({
    exchange: sim,
    journal,
    ledger,
    tracker,
    rules,
    clock,
    logger,
    lock,
    random: () => 0.5,
    ...(options.policy ? { policy: options.policy } : {})
  })
  const calls = watchExchange(sim, clock)
  return {
    clock,
    sim,
    journal,
    rules,
    ledger,
    tracker,
    gateway,
    lock,
    logger,
    calls,
    addIntent(overrides = {}) {
      const intent = intentRecord({ botId: TEST_BOT_ID, symbol: 'BTCUSDT', price: '59000', quantity: '0.01', createdAtMs: clock.nowMs(), updatedAtMs: clock.nowMs(), ...overrides })
      journal.createIntent(intent)
      return intent.intentId
    },
    run: (work) => runOnClock(clock, work)
  }
}

/** An order report of the exchange for tests: bot-1_L3_B_1, BUY 0.01 BTCUSDT LIMIT at 59000, NEW, exchange id 1000. */
export function venueReport(overrides: Partial<OrderStatusReport> = {}): OrderStatusReport {
  return {
    symbol: 'BTCUSDT',
    orderId: venueOrderId('1000'),
    clientOrderId: clientOrderId('bot-1_L3_B_1'),
    side: 'BUY',
    type: 'LIMIT',
    status: 'NEW',
    price: new Decimal('59000'),
    origQty: new Decimal('0.01'),
    executedQty: new Decimal('0'),
    cumulativeQuoteQty: new Decimal('0'),
    timeInForce: 'GTC',
    createdAtMs: T0,
    updatedAtMs: T0,
    ...overrides
  }
}

/** A trade of order 1000 (bot-1_L3_B_1) for tests: at 59000, maker, commission 0.1 % of the quantity in BTC. */
export function venueFill(trade: string, quantity: string, overrides: Partial<FillReport> = {}): FillReport {
  const amount = new Decimal(quantity)
  const price = overrides.price ?? new Decimal('59000')
  return {
    symbol: 'BTCUSDT',
    tradeId: tradeId(trade),
    orderId: venueOrderId('1000'),
    clientOrderId: clientOrderId('bot-1_L3_B_1'),
    side: 'BUY',
    price,
    quantity: amount,
    quoteQuantity: price.mul(amount),
    commission: amount.mul('0.001'),
    commissionAsset: 'BTC',
    isMaker: true,
    timeMs: T0,
    ...overrides
  }
}

/** An execution event of the user-data stream for tests. */
export function executionEvent(executionType: ExecutionType, report: OrderStatusReport, fill?: FillReport): ExecutionEvent {
  return { type: 'execution', executionType, report, ...(fill === undefined ? {} : { fill }), eventTimeMs: report.updatedAtMs }
}
