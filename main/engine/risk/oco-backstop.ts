import { Decimal } from '@shared/money/decimal'
import type { AccountEngine } from '../account/account-engine'
import type { GridBotConfig } from '../bot/grid-bot-config'
import type { Clock } from '../clock/clock'
import type { Exchange } from '../exchange/port/exchange'
import type { OrderRequest } from '../exchange/rules/order-request'
import { roundPrice, roundQuantity } from '../exchange/rules/round-order'
import { validateOrderList } from '../exchange/rules/validate-order-list'
import { counterNameOf, orderIdFor, parseOrderId } from '../grid/trader/client-order-ids'
import type { Journal } from '../journal/journal'
import type { FillRecord, IntentRecord } from '../journal/journal-records'
import type { Logger } from '../logging/logger'
import { CLOSED_STATUSES } from '../orders/order-status'

/** The journal's name for a bot's OCO backstop. */
const OCO_STATE_KEY = 'oco-backstop'

/** The OCO a bot keeps on the exchange, as stored. */
interface BackstopState {
  readonly listId: string
  readonly aboveId: string
  readonly belowId: string
  readonly quantity: string
}

/** What the backstop needs. */
export interface OcoBackstopDeps {
  readonly account: AccountEngine
  readonly exchange: Exchange
  readonly journal: Journal
  readonly clock: Clock
  readonly logger: Logger
  readonly config: () => GridBotConfig
  readonly event: (type: string, message: string, details?: Readonly<Record<string, string>>) => void
}

/** What a sync found and did. */
export type BackstopSync = 'off' | 'unchanged' | 'placed' | 'removed' | 'too-small' | 'not-placed'

/**
 * The exchange-side OCO that keeps protecting a bot's inventory while the app is closed: a SELL
 * list with a take-profit LIMIT_MAKER above and a STOP_LOSS_LIMIT below, over the base that the
 * grid's SELLs (open, pending or waiting) do not already hold — on Binance a resting order locks
 * its base, so that is all an OCO can cover. At most one per bot: it is moved (cancelled and
 * placed anew) when that inventory changes, adopted after a restart, and duplicates are
 * cancelled. When it cannot be placed the bot says why; its own stop-loss and take-profit
 * triggers stay armed regardless.
 */
export class OcoBackstop {
  constructor(private readonly deps: OcoBackstopDeps) {}

  /** Makes the exchange hold exactly the OCO the inventory calls for, or none. */
  async sync(): Promise<BackstopSync> {
    const config = this.deps.config()
    const { stopLoss, takeProfit, ocoBackstop } = config.risk
    const current = this.current()
    if (!ocoBackstop || stopLoss === undefined || takeProfit === undefined) {
      if (current !== undefined) await this.remove(current, 'the OCO backstop is off')
      return current === undefined ? 'off' : 'removed'
    }
    const rules = this.deps.account.rules.get(config.symbol)
    const desired = roundQuantity(rules, Decimal.max(this.uncovered(rules.baseAsset), 0), 'LIMIT')
    if (current !== undefined && desired.eq(current.quantity)) return 'unchanged'
    if (current !== undefined) await this.remove(current, `inventory outside the grid changed from ${current.quantity} to ${desired.toFixed()}`)
    if (desired.isZero()) return current === undefined ? 'too-small' : 'removed'
    const last = await this.deps.exchange.lastPrice(config.symbol)
    // On the tick: the take-profit never sells below what was set, and the stop fires no later than set
    const above = roundPrice(rules, new Decimal(takeProfit), 'up')
    const stop = roundPrice(rules, new Decimal(stopLoss), 'up')
    if (!(above.gt(last) && last.gt(stop))) {
      this.deps.event('OcoNotPlaced', `OCO backstop not placed: the price ${last.toFixed()} is not between the stop-loss ${stopLoss} and the take-profit ${takeProfit}; the bot's own triggers stay armed`)
      return 'not-placed'
    }
    const slippage = new Decimal(config.risk.stopLimitSlippagePct).div(100)
    const belowPrice = roundPrice(rules, stop.mul(new Decimal(1).sub(slippage)), 'down')
    const legs: OrderRequest[] = [
      { side: 'SELL', type: 'LIMIT_MAKER', price: above, quantity: desired },
      { side: 'SELL', type: 'STOP_LOSS_LIMIT', price: belowPrice, stopPrice: stop, quantity: desired }
    ]
    const check = validateOrderList(rules, { kind: 'OCO', legs }, { referencePrice: last, exchangeFilters: this.deps.account.rules.exchangeFilters() })
    if (!check.ok) {
      const sizeOnly = check.violations.every((violation) => violation.rule === 'minQty' || violation.rule === 'minNotional')
      if (!sizeOnly) this.deps.event('OcoNotPlaced', `OCO backstop not placed: ${check.violations.map((violation) => violation.message).join('; ')}; the bot's own triggers stay armed`)
      return sizeOnly ? 'too-small' : 'not-placed'
    }
    const state = this.createIntents(config, desired, above, belowPrice, stop)
    const outcome = await this.deps.account.gateway.executeOco(state.listId, state.aboveId, state.belowId)
    if (outcome.kind !== 'placed') {
      this.deps.event('OcoNotPlaced', `OCO backstop not placed: ${outcome.reason}; the bot's own triggers stay armed`)
      return 'not-placed'
    }
    this.deps.journal.saveBotState(config.id, OCO_STATE_KEY, JSON.stringify(state), this.deps.clock.nowMs())
    this.deps.event('OcoPlaced', `OCO backstop placed over ${desired.toFixed()} ${rules.baseAsset}: take-profit ${takeProfit}, stop-loss ${stopLoss}`, { listId: state.listId })
    return 'placed'
  }

  /** After a restart: keeps the bot's one OCO (the stored one, else one the journal knows) and cancels any other. */
  async adopt(): Promise<{ readonly kept: string | undefined; readonly cancelled: readonly string[] }> {
    const config = this.deps.config()
    const lists = (await this.deps.exchange.openOrderLists()).filter((list) => list.symbol === config.symbol && parseOrderId(list.listClientOrderId)?.botId === config.id)
    const stored = this.storedState()
    const known = (id: string) => this.deps.journal.getIntent(id) !== undefined
    const keep =
      lists.find((list) => list.listClientOrderId === stored?.listId) ??
      lists.find((list) => list.orders.length === 2 && list.orders.every((order) => known(order.clientOrderId)))
    const cancelled: string[] = []
    for (const list of lists) {
      if (list === keep) continue
      const outcome = await this.deps.account.gateway.cancelOrderList(config.symbol, list.listClientOrderId, list.orders.map((order) => order.clientOrderId))
      if (outcome !== 'failed') cancelled.push(list.listClientOrderId)
      this.deps.event('OcoDuplicateCancelled', `a second OCO of the bot (${list.listClientOrderId}) was cancelled: at most one protects a bot`)
    }
    if (keep !== undefined && stored?.listId !== keep.listClientOrderId) {
      const legs = keep.orders.map((order) => this.deps.journal.getIntent(order.clientOrderId)).filter((intent): intent is IntentRecord => intent !== undefined)
      const above = legs.find((leg) => leg.type === 'LIMIT_MAKER')
      const below = legs.find((leg) => leg.type !== 'LIMIT_MAKER')
      if (above !== undefined && below !== undefined) {
        const state: BackstopState = { listId: keep.listClientOrderId, aboveId: above.intentId, belowId: below.intentId, quantity: above.quantity ?? '0' }
        this.deps.journal.saveBotState(config.id, OCO_STATE_KEY, JSON.stringify(state), this.deps.clock.nowMs())
      }
    }
    if (keep === undefined && stored !== undefined) this.clear()
    return { kept: keep?.listClientOrderId, cancelled }
  }

  /** Cancels the bot's OCO, if it has one (an exit, a stop, a re-plan). */
  async cancel(reason: string): Promise<void> {
    const current = this.current()
    if (current !== undefined) await this.remove(current, reason)
  }

  /** Whether the bot has an OCO on the exchange now. */
  isPlaced(): boolean {
    return this.current() !== undefined
  }

  /** Base the bot owns that no grid SELL (open, pending or waiting) holds, carried dust included. */
  private uncovered(baseAsset: string): Decimal {
    const { journal, account } = this.deps
    const config = this.deps.config()
    let held = new Decimal(0)
    let fills: readonly FillRecord[] | undefined
    for (const intent of journal.listIntents(config.id, ['pending', 'sending', 'placed', 'unknown', 'failed', 'rejected'])) {
      if (intent.side !== 'SELL' || (intent.purpose !== 'grid' && intent.purpose !== 'counter')) continue
      // A SELL that failed is still owed (the deadlock rule or a resume tries it again), unless what it answered was closed otherwise
      if ((intent.status === 'failed' || intent.status === 'rejected') && !stillOwed(intent, (fills ??= journal.listFills(config.id)))) continue
      const order = account.tracker.order(intent.intentId)
      held = held.add(new Decimal(intent.quantity ?? '0').sub(order?.filledQuantity ?? 0))
    }
    // Dust carried on the levels is held by no order: the OCO covers it until a grid SELL takes it
    // (the bot makes room then: see GridBot's makeRoomToSell)
    return account.ledger.owned(config.id, baseAsset).sub(held)
  }

  /** The stored OCO if both its legs are still open; clears a stale one. */
  private current(): BackstopState | undefined {
    const stored = this.storedState()
    if (stored === undefined) return undefined
    const open = [stored.aboveId, stored.belowId].every((id) => {
      const order = this.deps.account.tracker.order(id)
      return order !== undefined && order.venueOrderId !== undefined && !CLOSED_STATUSES.has(order.status)
    })
    if (!open) this.clear()
    return open ? stored : undefined
  }

  private async remove(state: BackstopState, reason: string): Promise<void> {
    const { symbol } = this.deps.config()
    await this.deps.account.gateway.cancelOrderList(symbol, state.listId, [state.aboveId, state.belowId])
    this.clear()
    this.deps.event('OcoCancelled', `OCO backstop cancelled: ${reason}`, { listId: state.listId })
  }

  private createIntents(config: GridBotConfig, quantity: Decimal, abovePrice: Decimal, belowPrice: Decimal, stopPrice: Decimal): BackstopState {
    const { journal, clock } = this.deps
    const next = () => orderIdFor(config.id, { kind: 'exit' }, journal.nextCounter(config.id, counterNameOf({ kind: 'exit' })))
    const state: BackstopState = { listId: next(), aboveId: next(), belowId: next(), quantity: quantity.toFixed() }
    const now = clock.nowMs()
    journal.transaction(() => {
      for (const [intentId, type, price, stop] of [
        [state.aboveId, 'LIMIT_MAKER', abovePrice, null],
        [state.belowId, 'STOP_LOSS_LIMIT', belowPrice, stopPrice]
      ] as const) {
        journal.createIntent({
          intentId, botId: config.id, symbol: config.symbol, purpose: 'exit', level: null, side: 'SELL', type,
          price: price.toFixed(), quantity: quantity.toFixed(), quoteOrderQty: null, status: 'pending', attempts: 0,
          lastError: null, venueOrderId: null, sourceFillKey: null, stopPrice: stop?.toFixed() ?? null, listId: state.listId,
          createdAtMs: now, updatedAtMs: now
        })
      }
    })
    return state
  }

  private storedState(): BackstopState | undefined {
    const text = this.deps.journal.getBotState(this.deps.config().id, OCO_STATE_KEY)
    if (text === undefined) return undefined
    const value = JSON.parse(text) as Partial<BackstopState>
    return typeof value.listId === 'string' && typeof value.aboveId === 'string' && typeof value.belowId === 'string' && typeof value.quantity === 'string'
      ? (value as BackstopState)
      : undefined
  }

  private clear(): void {
    this.deps.journal.saveBotState(this.deps.config().id, OCO_STATE_KEY, '{}', this.deps.clock.nowMs())
  }
}

/** Tells whether a level SELL that failed is still owed: a grid order always; a counter-order while a fill it answers has no other answer. */
function stillOwed(intent: IntentRecord, fills: readonly FillRecord[]): boolean {
  if (intent.purpose === 'grid') return true
  const answered = fills.filter((fill) => fill.counterIntentId === intent.intentId)
  return answered.length === 0 || answered.some((fill) => fill.hedgeNote === null)
}
