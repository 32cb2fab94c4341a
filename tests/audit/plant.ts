import type { Decimal } from '@shared/money/decimal'
import type { GridBot } from '../../main/engine/bot/grid-bot'
import { counterNameOf, orderIdFor, type OrderTag } from '../../main/engine/grid/trader/client-order-ids'
import type { CounterOrder } from '../../main/engine/grid/trader/counter-order'
import type { FillRecord, IntentPurpose, IntentRecord } from '../../main/engine/journal'
import type { EngineProcess } from '../engine/harness'

/** The grid trader's own steps a planted bug replaces. */
export interface TraderSteps {
  onFill(fill: FillRecord, intent: IntentRecord): void
  addCounter(counter: CounterOrder, sourceFillKey: string | null): string | undefined
  createIntent(purpose: IntentPurpose, level: number, side: 'BUY' | 'SELL', price: Decimal, quantity: Decimal, sourceFillKey: string | null): IntentRecord
}

/**
 * Replaces one step of a bot's grid trader the first time `when` holds, as a bug in the engine
 * would, and calls the real step otherwise. Returns how often the bug struck.
 */
export function plantInTrader<K extends keyof TraderSteps>(bot: GridBot, step: K, when: (...args: Parameters<TraderSteps[K]>) => boolean, bug: (real: TraderSteps[K], ...args: Parameters<TraderSteps[K]>) => ReturnType<TraderSteps[K]>): () => number {
  const trader = bot.trader as unknown as TraderSteps
  const real = (trader[step] as (...args: unknown[]) => unknown).bind(trader) as TraderSteps[K]
  let struck = 0
  const replaced = (...args: Parameters<TraderSteps[K]>) => {
    if (struck === 0 && when(...args)) {
      struck += 1
      return bug(real, ...args)
    }
    return (real as (...inner: Parameters<TraderSteps[K]>) => ReturnType<TraderSteps[K]>)(...args)
  }
  Object.assign(trader, { [step]: replaced })
  return () => struck
}

/** Writes an intent of the engine's first bot at `nowMs`, as the engine does before sending an order, and returns its id. */
export function writeIntent(
  engine: EngineProcess,
  nowMs: number,
  fields: { readonly purpose: IntentPurpose; readonly tag: OrderTag; readonly side: 'BUY' | 'SELL'; readonly type: 'LIMIT' | 'MARKET'; readonly price: string | null; readonly quantity: string }
): string {
  const { journal, bot } = engine
  const botId = bot.config.id
  const intentId = orderIdFor(botId, fields.tag, journal.nextCounter(botId, counterNameOf(fields.tag)))
  journal.createIntent({
    intentId,
    botId,
    symbol: bot.config.symbol,
    purpose: fields.purpose,
    level: fields.tag.kind === 'level' ? fields.tag.level : null,
    side: fields.side,
    type: fields.type,
    price: fields.price,
    quantity: fields.quantity,
    quoteOrderQty: null,
    status: 'pending',
    attempts: 0,
    lastError: null,
    venueOrderId: null,
    sourceFillKey: null,
    createdAtMs: nowMs,
    updatedAtMs: nowMs
  })
  return intentId
}
