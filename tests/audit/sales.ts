import { Decimal } from '@shared/money/decimal'
import { parseOrderId } from '../../main/engine/grid/trader/client-order-ids'
import { SOLD_HEDGE_PREFIX } from '../../main/engine/grid/trader/grid-trader'
import type { BotView } from './bot-view'
import type { Epoch } from './epochs'

/** Base the bot's sales (an exit's or an emergency's, not an OCO leg) sold on the exchange since the grid was laid out. */
export function soldIn(view: BotView, epoch: Epoch): Decimal {
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
export function saleClaimsIn(view: BotView, epoch: Epoch, inGrid: (intentId: string) => boolean): string[] {
  const attempts = view.intents.filter((intent) => (intent.purpose === 'emergency' || (intent.purpose === 'exit' && !intent.listId)) && intent.side === 'SELL' && intent.createdAtMs >= epoch.planTimeMs)
  const notes = view.intents.filter((intent) => inGrid(intent.intentId) && intent.status === 'done' && intent.lastError?.startsWith(SOLD_HEDGE_PREFIX) === true)
  return [...new Set([...attempts.map((intent) => `${intent.intentId} ${intent.status}`), ...notes.map((intent) => intent.lastError as string)])]
}

/** The quantity a "sold:" note says sales sold of a SELL obligation ("…: 0.0456 of it sold"), if it names one. */
function partSoldByNote(note: string | null): Decimal | undefined {
  if (note?.startsWith(SOLD_HEDGE_PREFIX) !== true) return undefined
  const match = / (\d+(?:\.\d+)?) of it sold$/.exec(note)
  return match?.[1] === undefined ? undefined : new Decimal(match[1])
}

/**
 * SELL quantity per level of the grid that the journal says it ended because base was sold: its
 * intents voided with a "sold:" note (the part the note counts when a sale sold only a part), and
 * failed ones whose fills it marked so.
 */
export function voidedAsSoldIn(view: BotView, inGrid: (intentId: string) => boolean): Map<number, Decimal> {
  const soldFills = new Set(view.fills.filter((fill) => fill.hedgeNote?.startsWith(SOLD_HEDGE_PREFIX) === true && fill.counterIntentId !== null).map((fill) => fill.counterIntentId as string))
  const voided = new Map<number, Decimal>()
  for (const intent of view.intents) {
    if (intent.side !== 'SELL' || intent.level === null || !inGrid(intent.intentId)) continue
    const add = (quantity: Decimal | string) => voided.set(intent.level as number, (voided.get(intent.level as number) ?? new Decimal(0)).add(quantity))
    // A SELL a sale sold in part keeps its rest (as an order, or moved to another) and its note counts what was sold of it
    const soldPart = partSoldByNote(intent.lastError)
    if (soldPart !== undefined) {
      add(soldPart)
      continue
    }
    const voidedNow = intent.status === 'done' && intent.lastError?.startsWith(SOLD_HEDGE_PREFIX) === true
    const failedThenSold = (intent.status === 'failed' || intent.status === 'rejected') && soldFills.has(intent.intentId)
    if (voidedNow || failedThenSold) add(intent.quantity ?? '0')
  }
  return voided
}
