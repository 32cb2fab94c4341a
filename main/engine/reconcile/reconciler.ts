import { isOrderNotFoundError } from '../exchange/errors/order-not-found-error'
import type { Exchange } from '../exchange/port/exchange'
import { clientOrderId, tradeId } from '../exchange/port/identifiers'
import type { FillReport } from '../exchange/port/order-report'
import type { FundsLedger } from '../funds/funds-ledger'
import type { Journal } from '../journal/journal'
import type { Logger } from '../logging/logger'
import type { OrderGateway } from '../orders/order-gateway'
import type { OrderTracker } from '../orders/order-tracker'
import { planOpenOrderActions } from './plan-open-order-actions'

/** What one reconciliation found and did, for the log and the person. */
export interface ReconcileReport {
  readonly ordersChecked: number
  /** Fills recorded while reconciling: those an open order's query brought and those found in the trade history. */
  readonly missedFills: number
  readonly strangersCancelled: readonly string[]
  readonly duplicatesCancelled: readonly string[]
}

/** The reconciler's dependencies. */
export interface ReconcilerDeps {
  readonly exchange: Exchange
  readonly journal: Journal
  readonly ledger: FundsLedger
  readonly tracker: OrderTracker
  readonly gateway: OrderGateway
  readonly logger: Logger
}

const TRADE_PAGE = 1000
const MAX_TRADE_PAGES = 100
const DAY_MS = 86_400_000

/**
 * Makes the journal agree with the exchange for one bot, at start, after every stream reconnect
 * and on a timer. The exchange is the truth: every order the journal holds open is looked up by
 * its client order id (a FILLED one has its fills processed, so its counter-order follows; a
 * CANCELED or EXPIRED one lets its level be re-planned); trades the journal lacks are fetched and
 * processed; our own orders the journal does not know, and second orders on one level, are
 * cancelled; the account's balances are re-read. openOrders alone is never acted on for fills,
 * because it lags them.
 */
export class Reconciler {
  constructor(private readonly deps: ReconcilerDeps) {}

  /** Reconciles one bot; `activeOrderIds` are the orders its levels hold, one per level. */
  async reconcileBot(botId: string, symbol: string, activeOrderIds: ReadonlySet<string>): Promise<ReconcileReport> {
    const { exchange, journal, tracker, gateway, logger, ledger } = this.deps
    const seq = tracker.nextSeq()
    const fillsBefore = journal.listFills(botId).length
    let ordersChecked = 0
    for (const intent of journal.listIntents(botId, ['placed', 'sending', 'unknown'])) {
      ordersChecked += 1
      try {
        await gateway.track(await exchange.queryOrder({ symbol, clientOrderId: clientOrderId(intent.intentId) }))
      } catch (error) {
        if (!isOrderNotFoundError(error)) throw error
        // A send that never arrived is retried by the gateway; a placed order the exchange forgot
        // (asked again after the policy's delays) ends, and its level is planned again
        if (intent.status === 'placed') await gateway.forget(intent.intentId)
      }
    }
    await this.fetchMissedTrades(botId, symbol)
    // Counted from the start: a FILLED order's query books its fills before the trade history is read
    const missedFills = journal.listFills(botId).length - fillsBefore
    const openIds = (await exchange.openOrders(symbol)).map((order) => order.clientOrderId as string)
    const actions = planOpenOrderActions(botId, openIds, (id) => journal.getIntent(id) !== undefined, activeOrderIds)
    const strangersCancelled: string[] = []
    for (const id of actions.cancelStrangers) if (await gateway.cancelUntracked(symbol, id)) strangersCancelled.push(id)
    const duplicatesCancelled: string[] = []
    for (const id of actions.cancelDuplicates) if ((await gateway.cancel(id)).kind !== 'failed') duplicatesCancelled.push(id)
    ledger.observeSnapshot(await exchange.account(), seq)
    if (missedFills > 0 || strangersCancelled.length > 0 || duplicatesCancelled.length > 0) {
      logger.info('reconciliation changed the journal', { botId, missedFills, strangers: strangersCancelled.length, duplicates: duplicatesCancelled.length })
    }
    return { ordersChecked, missedFills, strangersCancelled, duplicatesCancelled }
  }

  private async fetchMissedTrades(botId: string, symbol: string): Promise<void> {
    const { exchange, journal, tracker } = this.deps
    const intentByOrderId = new Map(
      journal
        .listIntents(botId)
        .filter((intent) => intent.venueOrderId !== null)
        .map((intent) => [intent.venueOrderId as string, intent.intentId])
    )
    const fills = journal.listFills(botId)
    const lastKnown = fills.reduce((max, fill) => (BigInt(fill.tradeId) > max ? BigInt(fill.tradeId) : max), 0n)
    // With no fill yet the history starts at the bot's creation, not at the symbol's first trade, and
    // at most a day back: Binance serves a time window of 24 h, and older trades of our orders were
    // booked when their orders were tracked (every open intent is queried above)
    const serverNowMs = fills.length === 0 ? await exchange.serverTimeMs() : 0
    const createdAtMs = Math.max(journal.getBot(botId)?.createdAtMs ?? 0, serverNowMs - DAY_MS + 60_000)
    let fromTradeId = lastKnown + 1n
    for (let page = 0; page < MAX_TRADE_PAGES; page += 1) {
      const trades: readonly FillReport[] = await exchange.myTrades(
        page === 0 && fills.length === 0 ? { symbol, startTimeMs: createdAtMs, limit: TRADE_PAGE } : { symbol, fromTradeId: tradeId(fromTradeId.toString()), limit: TRADE_PAGE }
      )
      // The trade history names orders by the exchange's id; only trades of our intents are ours to book
      const ours = trades.flatMap((trade) => {
        const intentId = intentByOrderId.get(trade.orderId)
        return intentId === undefined ? [] : [{ ...trade, clientOrderId: clientOrderId(intentId) }]
      })
      tracker.applyFills(ours)
      if (trades.length < TRADE_PAGE) return
      fromTradeId = BigInt(trades[trades.length - 1]?.tradeId ?? fromTradeId.toString()) + 1n
    }
    this.deps.logger.warn('the trade history is longer than one reconciliation reads; the rest is read next time', { botId, fromTradeId: fromTradeId.toString() })
  }
}
