import { REROUNDED_STATE, type PlannedOrder } from '../../main/engine/orders/order-gateway'
import { parseBotConfig, type BotConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import type { OrderStatusReport } from '../../main/engine/exchange/port/order-report'
import type { SymbolRules } from '../../main/engine/exchange/rules'
import { parseOrderId } from '../../main/engine/grid/trader/client-order-ids'
import type { LevelState } from '../../main/engine/grid/trader/level-state'
import type { BotEventRecord, BotRecord, FillRecord, IncidentRecord, IntentRecord, Journal } from '../../main/engine/journal'
import type { AccountTrade, ExchangeHistory } from './exchange-history'

/** What a bot was given to trade with, as the person configured it. */
export interface BotAllocation {
  readonly base: Decimal
  readonly quote: Decimal
}

/** One bot as the auditor sees it: the exchange's records of its orders beside the journal's claims. */
export interface BotView {
  readonly botId: string
  readonly symbol: string
  readonly rules: SymbolRules
  readonly record: BotRecord
  readonly config: BotConfig
  readonly allocation: BotAllocation
  /** Orders on the exchange whose client order id names this bot, oldest first. */
  readonly orders: readonly OrderStatusReport[]
  /** Trades of those orders on the exchange, oldest first. */
  readonly trades: readonly AccountTrade[]
  readonly intents: readonly IntentRecord[]
  readonly fills: readonly FillRecord[]
  readonly levels: readonly LevelState[]
  readonly incidents: readonly IncidentRecord[]
  readonly events: readonly BotEventRecord[]
  /** The confirmed market state the journal keeps for the protective modes, if any. */
  readonly marketState: string | undefined
  /** The order list the journal keeps as the bot's OCO backstop, if any. */
  readonly backstopListId: string | undefined
  /** What orders the engine put on the exchange's changed tick or lot step were planned with, by intent id. */
  readonly rerounded: ReadonlyMap<string, PlannedOrder>
}

/**
 * Builds a bot's view from the exchange's history and the journal; the allocation defaults to the
 * investment and base the journal's configuration gives it. Throws when the journal has no such bot.
 */
export function botView(history: ExchangeHistory, journal: Journal, botId: string, allocation?: BotAllocation): BotView {
  const record = journal.getBot(botId)
  if (record === undefined) throw new Error(`the journal has no bot ${botId}`)
  const parsed = parseBotConfig(JSON.parse(record.configJson))
  if (!parsed.ok) throw new Error(`bot ${botId} has an invalid configuration in the journal: ${parsed.errors.join('; ')}`)
  const rules = history.rules.symbols.get(record.symbol)
  if (rules === undefined) throw new Error(`the exchange does not list ${record.symbol}`)
  const orders = (history.orders.get(record.symbol) ?? []).filter((order) => parseOrderId(order.clientOrderId)?.botId === botId)
  const ids = new Set(orders.map((order) => order.orderId as string))
  return {
    botId,
    symbol: record.symbol,
    rules,
    record,
    config: parsed.config,
    allocation: allocation ?? { base: new Decimal(parsed.config.grid.baseHeld), quote: new Decimal(parsed.config.grid.investment) },
    orders,
    trades: (history.trades.get(record.symbol) ?? []).filter((trade) => ids.has(trade.orderId)),
    intents: journal.listIntents(botId),
    fills: journal.listFills(botId),
    levels: journal.listLevels(botId).map((level) => JSON.parse(level.stateJson) as LevelState),
    incidents: journal.listIncidents({ botId }),
    events: journal.listBotEvents(botId, { limit: 1_000_000 }),
    marketState: marketStateOf(journal.getBotState(botId, 'market-state')),
    backstopListId: backstopOf(journal.getBotState(botId, 'oco-backstop')),
    rerounded: new Map(Object.entries(JSON.parse(journal.getBotState(botId, REROUNDED_STATE) ?? '{}') as Record<string, PlannedOrder>))
  }
}

function marketStateOf(json: string | undefined): string | undefined {
  if (json === undefined) return undefined
  const value = JSON.parse(json) as { state?: unknown }
  return typeof value.state === 'string' ? value.state : undefined
}

function backstopOf(json: string | undefined): string | undefined {
  if (json === undefined) return undefined
  const value = JSON.parse(json) as { listId?: unknown }
  return typeof value.listId === 'string' ? value.listId : undefined
}
