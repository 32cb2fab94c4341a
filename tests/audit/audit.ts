import { Decimal } from '@shared/money/decimal'
import type { Exchange } from '../../main/engine/exchange/port/exchange'
import type { FundsLedger } from '../../main/engine/funds/funds-ledger'
import type { Journal } from '../../main/engine/journal'
import { checkBaseBound } from './base-bound'
import { checkBotStatus } from './bot-status'
import { botView, type BotAllocation, type BotView } from './bot-view'
import { checkClientIdReuse } from './client-id-reuse'
import { epochFlows } from './epoch-flows'
import { findEpochs } from './epochs'
import { readExchangeHistory, type ExchangeHistory } from './exchange-history'
import { checkGapBalance } from './gap-balance'
import { checkGapHistory } from './gap-history'
import { incidentNames } from './incident-names'
import { checkJournalCompleteness } from './journal-completeness'
import { checkLedgerBalances } from './ledger-balances'
import { checkLevelOverlap } from './level-overlap'
import { levelOrdersOf } from './level-orders'
import { dustBound, lotStep } from './min-order-quantity'
import { checkOcoLists } from './oco-audit'
import { outstandingOf } from './outstanding'
import { checkPlannedLevels, withPlannedPrices } from './planned-levels'
import { checkReplanClaims } from './replan-claims'
import { saleClaimsIn, soldIn, voidedAsSoldIn } from './sales'

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
  const found = findEpochs(view.intents, levelCount, view.events.filter((event) => event.type === 'Recentered').map((event) => event.atMs), view.rerounded)
  const common = [...checkBaseBound(view, found.epochs), ...checkOcoLists(view, history.openLists), ...checkJournalCompleteness(view)]
  const last = found.epochs[found.epochs.length - 1]
  // A bot whose start failed has no grid to keep: nothing of it may trade on, and an incident must say why
  if (view.record.status === 'failed') return [...checkBotStatus(view, incidentNames(view.incidents, view.symbol)), ...common]
  if (last === undefined) return [...(view.record.status === 'running' ? ['the bot is running, but the journal shows no grid laid out'] : []), ...common]
  const current = withPlannedPrices(last, view.levels, view.rules.filters.priceFilter?.tickSize ?? new Decimal(0))
  const map = { ...found, epochs: [...found.epochs.slice(0, -1), current] }
  const { orders, violations } = levelOrdersOf(view, map, levelCount)
  const grids = map.epochs.flatMap((epoch) => checkGapHistory(epochFlows(epoch, levelCount, orders, view.trades, view.rules.baseAsset), view.rules.baseAsset))
  const names = incidentNames(view.incidents, view.symbol)
  const inGrid = (intentId: string) => map.epochOfIntent.get(intentId) === current.index
  const outstanding = outstandingOf(view, new Set(view.orders.map((order) => order.clientOrderId as string)), names, inGrid)
  const voided = voidedAsSoldIn(view, inGrid)
  const balance = checkGapBalance(epochFlows(current, levelCount, orders, view.trades, view.rules.baseAsset), outstanding, {
    names,
    sold: soldIn(view, current),
    saleNotes: saleClaimsIn(view, current, inGrid),
    voidedAsSold: (level) => voided.get(level) ?? new Decimal(0),
    dustBound: (level) => dustBound(view.rules, current.prices.get(level) ?? new Decimal(0)),
    step: lotStep(view.rules),
    fills: new Map(view.fills.map((fill) => [fill.tradeId, fill])),
    baseAsset: view.rules.baseAsset
  })
  return [...violations, ...checkBotStatus(view, names), ...checkPlannedLevels(view.levels, current, levelCount), ...checkReplanClaims(view, map.epochs, levelCount), ...checkLevelOverlap(orders), ...grids, ...outstanding.violations, ...balance, ...common]
}
