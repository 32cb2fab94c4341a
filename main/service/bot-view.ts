import { parseBotConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import type { BotView, EventView, FillView, LevelView, OcoView, OrderView } from '@shared/api'
import type { LevelState } from '../engine/grid/trader/level-state'
import type { Journal } from '../engine/journal/journal'
import type { BotEventRecord, BotRecord, FillRecord, IntentRecord } from '../engine/journal/journal-records'
import { BotProfit } from './bot-profit'
import { hedgeNoteText } from './hedge-note-text'

/** The journal's names the view reads (owned by the engine: market state, OCO backstop). */
const MARKET_STATE_KEY = 'market-state'
const OCO_STATE_KEY = 'oco-backstop'
/** Where the app keeps the price a bot started at, for its profit. */
export const START_PRICE_KEY = 'app.start-price'

const RECENT_FILLS = 200
const RECENT_EVENTS = 200
const OPEN_STATUSES = ['pending', 'sending', 'placed', 'unknown'] as const
/** What an open order is: sent, on the exchange, or sent without an answer yet; an unsent intent (a level's next order, waiting) is none. */
const LIVE_STATUSES: ReadonlySet<string> = new Set(['sending', 'placed', 'unknown'])
/** The reasons the engine gives a level it may not place on while the bot is halted or its sends refused. */
const HALTED_REASONS = [/^paused: the bot opens no new exposure$/, /^waiting: (bot \S+|the bot) is stopped$/]

/** What the view needs besides the journal. */
export interface BotViewContext {
  readonly baseAsset: string
  readonly quoteAsset: string
  /** Decimals of the symbol's tick size and lot step, when its rules are known. */
  readonly priceDecimals?: number
  readonly quantityDecimals?: number
  readonly lastPrice: Decimal | null
  /** The bot's profit kept between views (a new one counts from scratch). */
  readonly profit?: BotProfit
}

/** Builds what the dashboard shows of one bot from its journal: levels, orders, fills, OCO, profit, events, incidents. */
export function buildBotView(journal: Journal, record: BotRecord, context: BotViewContext): BotView {
  const parsed = parseBotConfig(JSON.parse(record.configJson))
  if (!parsed.ok) throw new Error(`the stored configuration of bot ${record.botId} is not valid: ${parsed.errors.join('; ')}`)
  const config = parsed.config
  const open = journal.listIntents(record.botId, OPEN_STATUSES)
  const intents = new Map(open.map((intent) => [intent.intentId, intent]))
  const fills = journal.listLatestFills(record.botId, RECENT_FILLS)
  const fillLevels = new Map<string, number | null>()
  const levelOf = (clientOrderId: string): number | null => {
    if (!fillLevels.has(clientOrderId)) fillLevels.set(clientOrderId, journal.getIntent(clientOrderId)?.level ?? null)
    return fillLevels.get(clientOrderId) ?? null
  }
  const marketState = journal.getBotState(record.botId, MARKET_STATE_KEY)
  const startPriceText = journal.getBotState(record.botId, START_PRICE_KEY)
  // A bot started outside the app (gridkeeper run) has no start price kept: its first fill's stands in
  const firstFill = startPriceText === undefined ? journal.firstFill(record.botId) : undefined
  const startPrice = startPriceText !== undefined ? new Decimal(JSON.parse(startPriceText) as string) : firstFill !== undefined ? new Decimal(firstFill.price) : context.lastPrice
  return {
    botId: record.botId,
    symbol: record.symbol,
    baseAsset: context.baseAsset,
    quoteAsset: context.quoteAsset,
    priceDecimals: context.priceDecimals ?? null,
    quantityDecimals: context.quantityDecimals ?? null,
    status: record.status,
    config,
    lastPrice: context.lastPrice?.toFixed() ?? null,
    marketState: marketState === undefined ? null : (JSON.parse(marketState) as { state: string }).state,
    levels: journal.listLevels(record.botId).map((row) => levelView(JSON.parse(row.stateJson) as LevelState, intents, record.status)),
    openOrders: open.filter((intent) => LIVE_STATUSES.has(intent.status)).map(orderView),
    fills: fills.map((fill): FillView => ({
      tradeId: fill.tradeId,
      clientOrderId: fill.clientOrderId,
      level: levelOf(fill.clientOrderId),
      side: fill.side,
      price: fill.price,
      quantity: fill.quantity,
      commission: fill.commission,
      commissionAsset: fill.commissionAsset,
      timeMs: fill.timeMs,
      hedgedBy: fill.counterIntentId ?? null,
      coveredBy: fill.counterIntentId === null ? hedgeNoteText(fill.hedgeNote) : null
    })),
    oco: ocoView(journal, record.botId),
    profit:
      context.lastPrice === null || startPrice === null
        ? null
        : (context.profit ?? new BotProfit()).view(journal, record.botId, { quote: new Decimal(config.grid.investment), base: new Decimal(config.grid.baseHeld), startPrice }, context, context.lastPrice),
    events: eventViews(journal.listBotEvents(record.botId, { limit: RECENT_EVENTS }), fills, levelOf, context.baseAsset),
    incidents: journal.listIncidents({ botId: record.botId }).map((incident) => ({
      incidentId: incident.incidentId,
      kind: incident.kind,
      severity: incident.severity,
      message: incident.message,
      openedAtMs: incident.openedAtMs,
      resolvedAtMs: incident.resolvedAtMs
    }))
  }
}

/** The bot's events and its fills, as one log, oldest first (the latest RECENT_EVENTS). */
function eventViews(events: readonly BotEventRecord[], fills: readonly FillRecord[], levelOf: (clientOrderId: string) => number | null, baseAsset: string): EventView[] {
  const logged: EventView[] = events.map((event) => ({ type: event.type, level: event.level, message: event.message, atMs: event.atMs }))
  const filled: EventView[] = fills.map((fill) => ({ type: 'Filled', level: levelOf(fill.clientOrderId), message: `${fill.side} ${fill.quantity}${baseAsset === '' ? '' : ` ${baseAsset}`} filled at ${fill.price}`, atMs: fill.timeMs }))
  return [...logged, ...filled].sort((a, b) => a.atMs - b.atMs).slice(-RECENT_EVENTS)
}

/** Says why a level places nothing in the bot's own words: a stopped bot's levels say stopped, a paused bot's paused. */
function levelReason(reason: string, status: BotRecord['status']): string {
  if (status === 'running' || !HALTED_REASONS.some((pattern) => pattern.test(reason))) return reason
  switch (status) {
    case 'stopped':
      return 'stopped: no order until you resume the bot'
    case 'paused':
      return 'paused: no new order until you resume the bot'
    case 'emergency':
      return 'EMERGENCY: no new exposure until you act'
    case 'failed':
      return 'not started: resume the bot to try again'
  }
}

function levelView(state: LevelState, intents: ReadonlyMap<string, IntentRecord>, status: BotRecord['status']): LevelView {
  const active = state.activeIntentId === null ? undefined : intents.get(state.activeIntentId)
  return {
    index: state.index,
    price: state.price,
    phase: state.phase,
    side: active?.side ?? null,
    quantity: active?.quantity ?? null,
    held: state.held === true,
    reason: levelReason(state.reason, status)
  }
}

function orderView(intent: IntentRecord): OrderView {
  return {
    clientOrderId: intent.intentId,
    purpose: intent.purpose,
    level: intent.level,
    side: intent.side,
    type: intent.type,
    price: intent.price,
    stopPrice: intent.stopPrice ?? null,
    quantity: intent.quantity,
    status: intent.status
  }
}

function ocoView(journal: Journal, botId: string): OcoView | null {
  const text = journal.getBotState(botId, OCO_STATE_KEY)
  if (text === undefined) return null
  const state = JSON.parse(text) as { listId?: string; aboveId?: string; belowId?: string; quantity?: string } | null
  if (state?.listId === undefined || state.aboveId === undefined || state.belowId === undefined) return null
  const above = journal.getIntent(state.aboveId)
  const below = journal.getIntent(state.belowId)
  const live = (intent: IntentRecord | undefined) => intent !== undefined && OPEN_STATUSES.some((status) => status === intent.status)
  if (!live(above) && !live(below)) return null
  return { listClientOrderId: state.listId, quantity: state.quantity ?? '0', stopPrice: below?.stopPrice ?? null, takeProfitPrice: above?.price ?? null }
}
