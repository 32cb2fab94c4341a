import type { Clock } from '../clock/clock'
import type { Exchange, Unsubscribe } from '../exchange/port/exchange'
import { DEFAULT_RETRY_POLICY } from '../orders/retry-policy'
import { withRetryingReads } from './retrying-reads'
import type { UserEvent } from '../exchange/port/user-event'
import { RulesSource } from '../exchange/rules/rules-source'
import { FeePrices } from '../funds/fee-prices'
import { FundsLedger } from '../funds/funds-ledger'
import type { Journal } from '../journal/journal'
import type { Logger } from '../logging/logger'
import { AsyncLock } from '../orders/async-lock'
import { OrderGateway } from '../orders/order-gateway'
import { OrderTracker } from '../orders/order-tracker'
import type { RetryPolicy } from '../orders/retry-policy'
import { Reconciler } from '../reconcile/reconciler'

/** What an account engine needs from the outside. */
export interface AccountEngineDeps {
  readonly exchange: Exchange
  readonly journal: Journal
  readonly clock: Clock
  readonly logger: Logger
  /** Random numbers in [0, 1) for retry jitter. */
  readonly random: () => number
  readonly retryPolicy?: RetryPolicy
}

/**
 * Everything one exchange account shares between its bots: the rules, the funds ledger, the
 * order tracker, the one order gateway with the account's lock, the reconciler, and the single
 * user-data subscription whose events are processed one at a time, in order.
 */
export class AccountEngine {
  readonly rules: RulesSource
  /** Prices of the fee asset (BNB), for valuing commissions paid in it. */
  readonly feePrices: FeePrices
  readonly lock = new AsyncLock()
  /** The account's exchange, its reads asked again when refused as retryable (see withRetryingReads). */
  readonly exchange: Exchange
  private state: { ledger: FundsLedger; tracker: OrderTracker; gateway: OrderGateway; reconciler: Reconciler } | undefined
  private unsubscribe: Unsubscribe | undefined
  private queue: Promise<void> = Promise.resolve()
  private readonly reconnectListeners: (() => void)[] = []

  constructor(private readonly deps: AccountEngineDeps) {
    this.exchange = withRetryingReads(deps.exchange, deps.clock, deps.retryPolicy ?? DEFAULT_RETRY_POLICY, deps.random)
    this.rules = new RulesSource(this.exchange, () => deps.clock.nowMs())
    this.feePrices = new FeePrices(this.exchange)
  }

  /** Loads the symbols' rules and the account's balances, and subscribes to user data. */
  async start(symbols: readonly string[]): Promise<void> {
    const { journal, clock, logger, random, retryPolicy } = this.deps
    const exchange = this.exchange
    await this.rules.refresh(symbols)
    const ledger = new FundsLedger(await exchange.account())
    const feePrices = this.feePrices
    const tracker = new OrderTracker({ journal, ledger, rules: this.rules, logger, nowMs: () => clock.nowMs(), feeValue: (asset, quote, amount) => feePrices.value(asset, quote, amount) })
    const gateway = new OrderGateway({ exchange, journal, ledger, tracker, rules: this.rules, clock, logger, lock: this.lock, random, ...(retryPolicy ? { policy: retryPolicy } : {}) })
    const reconciler = new Reconciler({ exchange, journal, ledger, tracker, gateway, logger })
    this.state = { ledger, tracker, gateway, reconciler }
    await this.refreshFeePrices(symbols)
    this.unsubscribe = exchange.subscribeUserEvents((event) => this.enqueue(event))
  }

  /** Reads the fee asset's price in the symbols' quote assets, when the account holds any of it. */
  async refreshFeePrices(symbols: readonly string[]): Promise<void> {
    const { ledger } = this.started()
    const quotes = symbols.filter((symbol) => this.rules.has(symbol)).map((symbol) => this.rules.get(symbol).quoteAsset)
    await this.feePrices.refresh(quotes, (asset) => ledger.exchangeFree(asset).add(ledger.exchangeLocked(asset)).gt(0))
  }

  /** Stops listening to the exchange. Orders stay on the exchange. */
  stop(): void {
    this.unsubscribe?.()
    this.unsubscribe = undefined
  }

  /** The shared funds ledger. */
  get ledger(): FundsLedger {
    return this.started().ledger
  }

  /** The one owner of order state. */
  get tracker(): OrderTracker {
    return this.started().tracker
  }

  /** The only path to the exchange's order endpoints. */
  get gateway(): OrderGateway {
    return this.started().gateway
  }

  /** The reconciler of this account. */
  get reconciler(): Reconciler {
    return this.started().reconciler
  }

  /** Calls `listener` after the user-data stream reconnects (events may have been missed). */
  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener)
  }

  /** Resolves when every user event received so far is processed. */
  async drained(): Promise<void> {
    for (let round = 0; round < 10; round += 1) {
      const current = this.queue
      await current
      if (current === this.queue) return
    }
  }

  private enqueue(event: UserEvent): void {
    this.queue = this.queue
      .then(() => this.handle(event))
      .catch((error: unknown) => this.deps.logger.error('a user event could not be processed', { type: event.type, error: String(error) }))
  }

  private async handle(event: UserEvent): Promise<void> {
    const { tracker, ledger } = this.started()
    switch (event.type) {
      case 'execution': {
        // Trades the stream lost or has not brought yet are fetched before an end is applied
        const order = tracker.applyExecution(event)
        if (order !== undefined && event.report.executedQty.gt(order.filledQuantity)) {
          await this.started().gateway.track(event.report)
        }
        return
      }
      case 'balances':
        ledger.observeBalances(event.balances, tracker.nextSeq())
        return
      case 'list-status':
        return
      case 'stream':
        if (event.status === 'connected') {
          this.deps.logger.info('user-data stream connected; reconciling', { reason: event.reason })
          for (const listener of this.reconnectListeners) listener()
        } else {
          this.deps.logger.warn('user-data stream lost', { reason: event.reason })
        }
        return
    }
  }

  private started() {
    if (this.state === undefined) throw new Error('the account engine is not started')
    return this.state
  }
}
