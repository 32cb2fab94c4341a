import { Decimal } from '@shared/money/decimal'
import { venueOrderId } from '../port/identifiers'
import type { SimExchange } from '../sim/sim-exchange'
import { barTrades, type JournalEntry, type PaperState } from './journal-format'
import { ocoFrom, orderFrom } from './journal-orders'
import type { MarketTape } from './market-tape'
import type { PaperJournal } from './paper-journal'
import type { PinnableClock } from './pinnable-clock'

/** What a saved account is replayed into: a fresh simulator, the tape over it, the server's clock. */
export interface ReplayTarget {
  readonly exchange: SimExchange
  readonly tape: MarketTape
  readonly clock: PinnableClock
}

/** What a replay found: the cancel ids the actions carried (order id → cancel request id), and how many actions failed. */
export interface ReplayOutcome {
  readonly cancelIds: Map<string, string>
  readonly failed: number
}

/**
 * Replays a saved account into a fresh simulator, each action pinned to its time, with the last
 * price a placement saw set before it; bars go back into the klines and the tape without touching
 * orders. Every entry is handed back to `journal` as it replays, so a later save keeps the history
 * (a version-1 file's trades that changed nothing are folded into bars there).
 */
export async function replayState(state: PaperState, target: ReplayTarget, journal: PaperJournal): Promise<ReplayOutcome> {
  const cancelIds = new Map<string, string>()
  let failed = 0
  for (const [symbol, count] of Object.entries(state.header.compactedTrades ?? {})) {
    try {
      target.tape.skipTradeIds(symbol, count)
    } catch {
      // A symbol the market no longer has
      failed += 1
    }
  }
  const foldUnchanged = state.header.version === 1
  // Replayed trades reach the tape on the next turn of the event loop; a bar must land after them
  const tapeBehind = new Set<string>()
  for (const entry of state.entries) {
    let kept: JournalEntry = entry
    let changedAccount = true
    try {
      if (entry.k === 'bar' && tapeBehind.has(entry.s)) {
        await new Promise((resolve) => setImmediate(resolve))
        tapeBehind.clear()
      }
      if (entry.k === 'trade') tapeBehind.add(entry.s)
      kept = withLastPrice(entry, target.exchange)
      changedAccount = (await replayOne(kept, target, cancelIds)) || !foldUnchanged
    } catch {
      // The simulator is deterministic, so this means the file and the rules disagree; the rest still replays
      failed += 1
    }
    journal.replayed(kept, changedAccount)
  }
  return { cancelIds, failed }
}

/** Returns a placement with the last price it sees, taken from the simulator when the entry has none (version 1). */
function withLastPrice(entry: JournalEntry, exchange: SimExchange): JournalEntry {
  if ((entry.k !== 'place' && entry.k !== 'oco') || entry.last !== undefined) return entry
  const last = exchange.knownLastPrice(entry.k === 'place' ? (entry.order['symbol'] as string) : entry.list.s)
  return last === undefined ? entry : { ...entry, last: last.toFixed() }
}

/** Replays one entry; returns true when it changed the account (a trade may not). */
async function replayOne(entry: JournalEntry, target: ReplayTarget, cancelIds: Map<string, string>): Promise<boolean> {
  const { exchange, clock, tape } = target
  switch (entry.k) {
    case 'trade':
      return clock.runAt(entry.t, () => exchange.trade(entry.s, new Decimal(entry.p), new Decimal(entry.q)))
    case 'bar': {
      const trades = barTrades(entry)
      exchange.restoreTrades(entry.s, trades, entry.t)
      tape.restoreTrades(entry.s, trades, entry.t)
      return false
    }
    case 'place': {
      const order = orderFrom(entry.order)
      if (entry.last !== undefined) exchange.restoreLastPrice(order.symbol, new Decimal(entry.last))
      await clock.runAt(entry.t, () => exchange.placeOrder(order))
      return true
    }
    case 'cancel':
      cancelIds.set(entry.orderId, entry.cancelId)
      await clock.runAt(entry.t, () => exchange.cancelOrder({ symbol: entry.s, orderId: venueOrderId(entry.orderId) }))
      return true
    case 'oco': {
      const list = ocoFrom(entry.list)
      if (entry.last !== undefined) exchange.restoreLastPrice(list.symbol, new Decimal(entry.last))
      await clock.runAt(entry.t, () => exchange.placeOcoList(list))
      return true
    }
    case 'cancelList':
      await clock.runAt(entry.t, () => exchange.cancelOrderList(entry.s, entry.listClientOrderId))
      return true
  }
}
