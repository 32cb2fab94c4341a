import { Decimal } from '@shared/money/decimal'
import type { IntentRecord } from '../../main/engine/journal'

/** The order one level of a plan started with. */
export interface PlannedOrder {
  readonly side: 'BUY' | 'SELL'
  readonly quantity: Decimal
  readonly intentId: string
}

/** One laid-out grid: from the plan a bot placed (at its creation or a re-plan) until the next. */
export interface Epoch {
  readonly index: number
  readonly planTimeMs: number
  /** The plan's first order of each level that has one (every level but the one nearest the price). */
  readonly plan: ReadonlyMap<number, PlannedOrder>
  /** Each level's price in this grid, as the journal's intents for it say. */
  readonly prices: ReadonlyMap<number, Decimal>
}

/** A bot's grids, oldest first, and which grid each level intent belongs to. */
export interface EpochMap {
  readonly epochs: readonly Epoch[]
  readonly epochOfIntent: ReadonlyMap<string, number>
}

/**
 * Finds a bot's grids in the journal's intents (oldest first). A plan is laid out in one
 * transaction: one 'grid' intent answering no fill on every level but one, all written at the same
 * moment, one after another. A run like that starts a new grid when some of its prices differ from
 * the grid before (a recenter or a re-plan). A run at the same prices is a new grid only when the
 * journal claims a recenter after it and before the next such run (`recenteredAtMs`): otherwise it
 * is a cancel of every order, which re-queues each level the same way. Every level intent belongs
 * to the latest grid started before it.
 */
export function findEpochs(intents: readonly IntentRecord[], levelCount: number, recenteredAtMs: readonly number[] = [], rerounded: ReadonlyMap<string, PlannedBefore> = new Map()): EpochMap {
  const plannedPriceOf = (intent: IntentRecord) => (rerounded.has(intent.intentId) ? (rerounded.get(intent.intentId)?.price ?? null) : (movedFrom(intent) ?? intent.price))
  const plannedQuantityOf = (intent: IntentRecord) => rerounded.get(intent.intentId)?.quantity ?? quantityBefore(intent) ?? intent.quantity
  const wasMoved = (intent: IntentRecord) => rerounded.has(intent.intentId) || movedFrom(intent) !== undefined
  const epochs: { index: number; planTimeMs: number; plan: Map<number, PlannedOrder>; prices: Map<number, Decimal> }[] = []
  const epochOfIntent = new Map<string, number>()
  const runTimes = intents.flatMap((_, position) => (planRunAt(intents, position, levelCount) === undefined ? [] : [(intents[position] as IntentRecord).createdAtMs]))
  for (let position = 0; position < intents.length; position += 1) {
    const run = planRunAt(intents, position, levelCount)
    const current = epochs[epochs.length - 1]
    const runMs = run?.[0]?.createdAtMs ?? 0
    const nextRunMs = runTimes.find((timeMs) => timeMs > runMs) ?? Number.POSITIVE_INFINITY
    const claimed = recenteredAtMs.some((timeMs) => timeMs >= runMs && timeMs < nextRunMs)
    if (run !== undefined && (current === undefined || claimed || run.some((intent) => !samePrice(current.prices.get(intent.level as number), plannedPriceOf(intent))))) {
      const plan = new Map(run.map((intent) => [intent.level as number, { side: intent.side, quantity: new Decimal(plannedQuantityOf(intent) ?? '0'), intentId: intent.intentId }]))
      epochs.push({ index: epochs.length, planTimeMs: (run[0] as IntentRecord).createdAtMs, plan, prices: new Map() })
    }
    const intent = intents[position] as IntentRecord
    const epoch = epochs[epochs.length - 1]
    if (intent.level === null || epoch === undefined) continue
    epochOfIntent.set(intent.intentId, epoch.index)
    const planned = plannedPriceOf(intent)
    // A note that the engine moved the order onto a changed tick names the plan's price: it wins over a price read before (whose own note a later error overwrote)
    if (planned !== null && (!epoch.prices.has(intent.level) || wasMoved(intent))) epoch.prices.set(intent.level, new Decimal(planned))
  }
  return { epochs, epochOfIntent }
}

/** The plan written at `position`, if one starts there. */
function planRunAt(intents: readonly IntentRecord[], position: number, levelCount: number): IntentRecord[] | undefined {
  const first = intents[position]
  if (first === undefined || !isPlanIntent(first)) return undefined
  const run: IntentRecord[] = []
  const levels = new Set<number>()
  for (let next = position; next < intents.length && run.length < levelCount - 1; next += 1) {
    const intent = intents[next] as IntentRecord
    if (!isPlanIntent(intent) || intent.createdAtMs !== first.createdAtMs || levels.has(intent.level as number)) break
    levels.add(intent.level as number)
    run.push(intent)
  }
  return run.length === levelCount - 1 ? run : undefined
}

function isPlanIntent(intent: IntentRecord): boolean {
  return intent.purpose === 'grid' && intent.sourceFillKey === null && intent.level !== null && intent.price !== null
}

/** What an order was planned with before the engine put it on the exchange's changed tick or lot step (the engine keeps it in the journal). */
export interface PlannedBefore {
  readonly quantity: string
  readonly price: string | null
}

/** The price an intent had before the engine put it on the exchange's new tick, as its note says, if it says so. */
function movedFrom(intent: IntentRecord): string | undefined {
  return /^put on the exchange's new tick and lot step: \S+ @ (\S+) → /.exec(intent.lastError ?? '')?.[1]
}

/** The quantity an intent had before the engine put it on the exchange's new lot step, as its note says (the rest is the level's dust). */
function quantityBefore(intent: IntentRecord): string | undefined {
  return /^put on the exchange's new tick and lot step: (\S+) @ /.exec(intent.lastError ?? '')?.[1]
}

function samePrice(known: Decimal | undefined, text: string | null): boolean {
  return known === undefined || text === null || known.eq(text)
}
