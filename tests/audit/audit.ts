import { Decimal } from '@shared/money/decimal'
import type { Exchange } from '../../main/engine/exchange/port/exchange'
import type { FundsLedger } from '../../main/engine/funds/funds-ledger'
import { parseOrderId } from '../../main/engine/grid/trader/client-order-ids'
import { SOLD_HEDGE_PREFIX } from '../../main/engine/grid/trader/grid-trader'
import type { Journal } from '../../main/engine/journal'
import { checkBaseBound } from './base-bound'
import { botView, type BotAllocation, type BotView } from './bot-view'
import { checkClientIdReuse } from './client-id-reuse'
import { epochFlows } from './epoch-flows'
import { findEpochs, type Epoch } from './epochs'
import { readExchangeHistory, type ExchangeHistory } from './exchange-history'
import { checkGapBalance } from './gap-balance'
import { checkGapHistory } from './gap-history'
import { incidentNames } from './incident-names'
import { checkJournalCompleteness } from './journal-completeness'
import { checkLedgerBalances } from './ledger-balances'
import { checkLevelOverlap } from './level-overlap'
import { levelOrdersOf } from './level-orders'
import { lotStep } from './min-order-quantity'
import { checkOcoLists } from './oco-audit'
import { outstandingOf } from './outstanding'
import { checkPlannedLevels, withPlannedPrices } from './planned-levels'

/** A bot to audit; its allocation defaults to the investment and base its configuration gives it. */
export interface AuditedBot {
  readonly botId: string
  readonly allocation?: BotAllocation
}

/** What the auditor reads: the exchange (read-only), the journal's claims, the ledger as it is. */
export interface AuditInput {
  readonly exchange: Exchange
  readonly journal: Journal
  readonly ledger: FundsLedger
  readonly bots: readonly AuditedBot[]
  /** The account's balances before anything traded. */
  readonly startingBalances: Readonly<Record<string, string>>
}

/**
 * Audits an account from what the exchange recorded, against the journal's claims and the ledger,
 * changing nothing and reloading nothing. Returns one readable line per violation, each naming the
 * bot and the trade or order concerned; empty when every invariant holds.
 */
export async function auditAccount(input: AuditInput): Promise<string[]> {
  const history = await readExchangeHistory(input.exchange)
  const views = input.bots.map((bot) => botView(history, input.journal, bot.botId, bot.allocation))
  return [
    ...checkClientIdReuse(history.orders.values()),
    ...checkLedgerBalances(history, input.ledger, views, input.startingBalances),
    ...views.flatMap((view) => auditBot(view, history).map((line) => `${view.botId}: ${line}`))
  ]
}

function auditBot(view: BotView, history: ExchangeHistory): string[] {
  const levelCount = view.config.grid.grids + 1
  const found = findEpochs(view.intents, levelCount)
  const common = [...checkBaseBound(view, found.epochs), ...checkOcoLists(view, history.openLists), ...checkJournalCompleteness(view)]
  const last = found.epochs[found.epochs.length - 1]
  if (last === undefined) return [...(view.record.status === 'running' ? ['the bot is running, but the journal shows no grid laid out'] : []), ...common]
  const current = withPlannedPrices(last, view.levels)
  const map = { ...found, epochs: [...found.epochs.slice(0, -1), current] }
  const { orders, violations } = levelOrdersOf(view, map, levelCount)
  const grids = map.epochs.flatMap((epoch) => checkGapHistory(epochFlows(epoch, levelCount, orders, view.trades, view.rules.baseAsset), view.rules.baseAsset))
  const names = incidentNames(view.incidents, view.symbol)
  const outstanding = outstandingOf(view, new Set(view.orders.map((order) => order.clientOrderId as string)), names, (id) => map.epochOfIntent.get(id) === current.index)
  const balance = checkGapBalance(epochFlows(current, levelCount, orders, view.trades, view.rules.baseAsset), outstanding, {
    names,
    sold: soldIn(view, current),
    saleNotes: saleClaimsIn(view, current, (id) => map.epochOfIntent.get(id) === current.index),
    step: lotStep(view.rules),
    fills: new Map(view.fills.map((fill) => [fill.tradeId, fill])),
    baseAsset: view.rules.baseAsset
  })
  return [...violations, ...checkPlannedLevels(view.levels, current, levelCount), ...checkLevelOverlap(orders), ...grids, ...outstanding.violations, ...balance, ...common]
}

/** Base the bot's sales (an exit's or an emergency's, not an OCO leg) sold on the exchange since the grid was laid out. */
function soldIn(view: BotView, epoch: Epoch): Decimal {
  return view.orders
    .filter((order) => {
      const kind = parseOrderId(order.clientOrderId)?.tag.kind
      return order.side === 'SELL' && order.orderListId === undefined && (kind === 'exit' || kind === 'emergency') && order.createdAtMs >= epoch.planTimeMs
    })
    .reduce((total, order) => total.add(order.executedQty), new Decimal(0))
}

/**
 * The journal's claims that base of the grid was sold: the sales it tried since the plan (an
 * exit's or an emergency's, placed or refused) and the notes of SELL obligations it ended as sold.
 */
function saleClaimsIn(view: BotView, epoch: Epoch, inGrid: (intentId: string) => boolean): string[] {
  const attempts = view.intents.filter((intent) => (intent.purpose === 'emergency' || (intent.purpose === 'exit' && !intent.listId)) && intent.side === 'SELL' && intent.createdAtMs >= epoch.planTimeMs)
  const notes = view.intents.filter((intent) => inGrid(intent.intentId) && intent.status === 'done' && intent.lastError?.startsWith(SOLD_HEDGE_PREFIX) === true)
  return [...new Set([...attempts.map((intent) => `${intent.intentId} ${intent.status}`), ...notes.map((intent) => intent.lastError as string)])]
}
