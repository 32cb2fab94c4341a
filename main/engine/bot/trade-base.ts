import { Decimal } from '@shared/money/decimal'
import type { BotConfig } from '@shared/config/bot-config'
import type { Clock } from '../clock/clock'
import type { Exchange } from '../exchange/port/exchange'
import { priceStep, roundPrice, roundQuantity } from '../exchange/rules/round-order'
import type { RulesSource } from '../exchange/rules/rules-source'
import type { SymbolRules } from '../exchange/rules/symbol-rules'
import { validateOrder } from '../exchange/rules/validate-order'
import { counterNameOf, orderIdFor } from '../grid/trader/client-order-ids'
import type { Journal } from '../journal/journal'
import type { Logger } from '../logging/logger'
import type { OrderGateway } from '../orders/order-gateway'
import { CLOSED_STATUSES } from '../orders/order-status'
import type { OrderTracker } from '../orders/order-tracker'
import type { RetryPolicy } from '../orders/retry-policy'

/** Why a bot buys or sells base outside its grid. */
export type BaseTradePurpose = 'acquire' | 'rebalance' | 'exit' | 'emergency'

/** How base is traded: the bot configuration's `baseTrades` section. */
export type BaseTradeSettings = BotConfig['baseTrades']

/** What a base trade needs of the bot and its account. */
export interface BaseTradeDeps {
  readonly botId: string
  readonly symbol: string
  readonly exchange: Exchange
  readonly journal: Journal
  readonly clock: Clock
  readonly logger: Logger
  readonly gateway: OrderGateway
  readonly tracker: OrderTracker
  readonly rules: RulesSource
  /** The bot's retry budget for each order. */
  readonly retry?: Partial<RetryPolicy>
}

/** One trade of base: which side, how much, why, and how. */
export interface BaseTradeRequest {
  readonly side: 'BUY' | 'SELL'
  readonly quantity: Decimal
  readonly purpose: BaseTradePurpose
  readonly settings: BaseTradeSettings
}

/** What a base trade did. */
export interface BaseTradeOutcome {
  readonly side: 'BUY' | 'SELL'
  readonly method: 'MARKET' | 'LIMIT'
  readonly wanted: Decimal
  /** Base bought or sold. */
  readonly filled: Decimal
  /** Quote paid (BUY) or received (SELL), before commission. */
  readonly filledQuote: Decimal
  /** Client order ids of the orders sent, one per attempt. */
  readonly orders: readonly string[]
  /** What was not traded: wanted − filled, never negative. */
  readonly unfilled: Decimal
  /** Why the trade stopped short, for a person; null when it is complete. */
  readonly shortfall: string | null
}

/**
 * Trades `quantity` base on `side`, bounded by the configured attempts: a MARKET order where the
 * symbol allows it and the configuration wants it, otherwise a LIMIT at the touch (a BUY at the
 * best ask, a SELL at the best bid, or the last price rounded to the tick against us when the book
 * cannot be read), `priceOffsetTicks` beyond it, left for `repriceIntervalMs`, then cancelled and
 * placed again at the touch for what is still missing. Each attempt is a durable intent sent
 * through the gateway; partial fills count. An order that cannot be cancelled ends the trade
 * (another order would trade the same base twice). A rest below the exchange's smallest order is
 * left. Per-attempt detail is logged at debug; the outcome says what happened and why it fell short.
 */
export async function tradeBase(deps: BaseTradeDeps, request: BaseTradeRequest): Promise<BaseTradeOutcome> {
  const { gateway, tracker, clock, logger, botId } = deps
  const { side, purpose, settings } = request
  const rules = deps.rules.get(deps.symbol)
  const method = settings.useMarketOrders && rules.orderTypes.includes('MARKET') ? 'MARKET' : 'LIMIT'
  const wanted = roundQuantity(rules, Decimal.max(request.quantity, 0), method)
  const orders: string[] = []
  let filled = new Decimal(0)
  let filledQuote = new Decimal(0)
  // Why the trade ended early, or the last attempt's problem
  let stopped: string | undefined
  let problem: string | undefined
  for (let attempt = 1; attempt <= settings.attempts; attempt += 1) {
    const rest = roundQuantity(rules, wanted.sub(filled), method)
    if (rest.isZero()) break
    const price = method === 'LIMIT' ? await touchPrice(deps, rules, side, settings.priceOffsetTicks) : null
    const reference = price ?? (await deps.exchange.lastPrice(deps.symbol))
    if (tooSmall(rules, side, method, rest, reference)) {
      stopped = `the rest, ${rest.toFixed()} ${rules.baseAsset}, is below the exchange's smallest order`
      break
    }
    const intentId = createIntent(deps, purpose, side, method, price, rest)
    orders.push(intentId)
    logger.debug('base trade attempt', { botId, intentId, purpose, side, quantity: rest.toFixed(), price: price?.toFixed() ?? 'market', attempt })
    const outcome = await gateway.execute(intentId, deps.retry)
    if (outcome.kind === 'blocked') {
      stopped = outcome.reason
      break
    }
    if (outcome.kind !== 'placed') {
      problem = `the last order was not placed: ${outcome.reason}`
      logger.debug('base trade attempt not placed', { botId, intentId, reason: outcome.reason })
      continue
    }
    let order = outcome.order
    if (!CLOSED_STATUSES.has(order.status)) {
      // A MARKET order is done at once, but its trades may not have reached us yet; a LIMIT gets its interval first
      if (method === 'LIMIT') await clock.sleep(settings.repriceIntervalMs)
      order = (await gateway.refresh(intentId)) ?? tracker.order(intentId) ?? order
    }
    if (!CLOSED_STATUSES.has(order.status)) {
      const cancelled = await gateway.cancel(intentId, deps.retry)
      if (cancelled.kind === 'failed') {
        stopped = `order ${intentId} could not be cancelled (${cancelled.reason}); cancel it on the exchange`
        filled = filled.add(tracker.order(intentId)?.filledQuantity ?? 0)
        filledQuote = filledQuote.add(tracker.order(intentId)?.filledQuote ?? 0)
        break
      }
    }
    const final = tracker.order(intentId) ?? order
    filled = filled.add(final.filledQuantity)
    filledQuote = filledQuote.add(final.filledQuote)
    problem = final.filledQuantity.isZero() ? `the last order, at ${price?.toFixed() ?? 'market'}, did not fill` : undefined
  }
  const unfilled = Decimal.max(wanted.sub(filled), 0)
  const left = !roundQuantity(rules, unfilled, method).isZero()
  const shortfall = stopped ?? (left ? `${unfilled.toFixed()} ${rules.baseAsset} untraded after ${orders.length} order(s)${problem === undefined ? '' : `; ${problem}`}` : null)
  return { side, method, wanted, filled, filledQuote, orders, unfilled, shortfall }
}

/** Returns where a LIMIT trades at once: the best ask for a BUY, the best bid for a SELL, moved `offsetTicks` further. */
async function touchPrice(deps: BaseTradeDeps, rules: SymbolRules, side: 'BUY' | 'SELL', offsetTicks: number): Promise<Decimal> {
  let touch: Decimal
  try {
    const book = await deps.exchange.bookTicker(deps.symbol)
    touch = side === 'BUY' ? book.ask : book.bid
  } catch (error) {
    deps.logger.debug('the book could not be read; pricing at the last price', { botId: deps.botId, error: String(error) })
    touch = await deps.exchange.lastPrice(deps.symbol)
  }
  const tick = priceStep(rules)
  const offset = tick.mul(offsetTicks)
  if (side === 'BUY') return roundPrice(rules, touch.add(offset), 'up')
  // A SELL never goes to zero or below, however many ticks it is told to give
  return Decimal.max(roundPrice(rules, touch.sub(offset), 'down'), tick)
}

/** Tells whether an order of this size is below what the symbol accepts (LOT_SIZE minimum, notional minimums). */
function tooSmall(rules: SymbolRules, side: 'BUY' | 'SELL', method: 'MARKET' | 'LIMIT', quantity: Decimal, price: Decimal): boolean {
  const order = method === 'MARKET' ? { side, type: 'MARKET' as const, quantity } : { side, type: 'LIMIT' as const, price, quantity, timeInForce: 'GTC' as const }
  return validateOrder(rules, order, { referencePrice: price }).violations.some((violation) => violation.rule === 'minQty' || violation.rule === 'minNotional')
}

function createIntent(deps: BaseTradeDeps, purpose: BaseTradePurpose, side: 'BUY' | 'SELL', method: 'MARKET' | 'LIMIT', price: Decimal | null, quantity: Decimal): string {
  const { journal, botId, symbol, clock } = deps
  const intentId = orderIdFor(botId, { kind: purpose }, journal.nextCounter(botId, counterNameOf({ kind: purpose })))
  const now = clock.nowMs()
  journal.createIntent({
    intentId, botId, symbol, purpose, level: null, side, type: method, price: price?.toFixed() ?? null,
    quantity: quantity.toFixed(), quoteOrderQty: null, status: 'pending', attempts: 0, lastError: null,
    venueOrderId: null, sourceFillKey: null, createdAtMs: now, updatedAtMs: now
  })
  return intentId
}
