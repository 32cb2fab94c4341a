import { Decimal } from '@shared/money/decimal'
import { clientOrderId } from '../exchange/port/identifiers'
import type { OrderStatusReport } from '../exchange/port/order-report'
import type { OrderSide } from '../exchange/rules/order-request'
import type { SimExchange } from '../exchange/sim/sim-exchange'
import type { GridBot } from '../bot/grid-bot'
import type { IntentPurpose } from '../journal/journal-records'
import { BOT_ID, SYMBOL, TRADER_CONFIG, type EngineOnly, type GridWorld } from '../grid/trader/stubs'
import type { ReconcileReport } from './reconciler'

/** Returns the client order ids the bot's levels hold, as GridBot passes them to the reconciler. */
export function activeOrderIds(bot: GridBot): Set<string> {
  return new Set(bot.trader.levelStates().flatMap((level) => (level.activeIntentId === null ? [] : [level.activeIntentId])))
}

/** Reconciles the bot directly through the account's reconciler, moving the clock until it is done. */
export async function reconcileNow(world: GridWorld, running: EngineOnly & { readonly bot: GridBot }): Promise<ReconcileReport> {
  const report = await world.run(running.engine.reconciler.reconcileBot(BOT_ID, SYMBOL, activeOrderIds(running.bot)))
  await world.run(running.engine.drained())
  return report
}

/** Places a GTC LIMIT order straight on the simulator, as another tool (or a lost process) would. */
export function placeOnExchange(sim: SimExchange, id: string, side: OrderSide, price: string, quantity: string): Promise<OrderStatusReport> {
  return sim.placeOrder({ symbol: SYMBOL, clientOrderId: clientOrderId(id), side, type: 'LIMIT', timeInForce: 'GTC', price: new Decimal(price), quantity: new Decimal(quantity) })
}

/** Registers the bot with no grid (only its record and its share of the funds). */
export function registerBotOnly(running: EngineOnly & { readonly bot: GridBot }, world: GridWorld): void {
  const now = world.clock.nowMs()
  running.journal.saveBot({ botId: BOT_ID, symbol: SYMBOL, configJson: JSON.stringify(TRADER_CONFIG), status: 'running', createdAtMs: now, updatedAtMs: now })
  world.registerShare(running)
}

/** Writes a LIMIT intent of the bot and sends it through the gateway; returns its id. */
export async function placeIntent(
  world: GridWorld,
  running: EngineOnly,
  order: { readonly intentId: string; readonly purpose: IntentPurpose; readonly level: number | null; readonly side: OrderSide; readonly price: string; readonly quantity: string }
): Promise<string> {
  const now = world.clock.nowMs()
  running.journal.createIntent({
    intentId: order.intentId,
    botId: BOT_ID,
    symbol: SYMBOL,
    purpose: order.purpose,
    level: order.level,
    side: order.side,
    type: 'LIMIT',
    price: order.price,
    quantity: order.quantity,
    quoteOrderQty: null,
    status: 'pending',
    attempts: 0,
    lastError: null,
    venueOrderId: null,
    sourceFillKey: null,
    createdAtMs: now,
    updatedAtMs: now
  })
  const outcome = await world.run(running.engine.gateway.execute(order.intentId))
  if (outcome.kind !== 'placed') throw new Error(`${order.intentId} was not placed: ${outcome.reason}`)
  return order.intentId
}
