import { readFile, rename, writeFile } from 'node:fs/promises'
import { Decimal } from '@shared/money/decimal'
import { clientOrderId, venueOrderId } from '../port/identifiers'
import type { NewOcoList, NewOrder, OcoLeg } from '../port/new-order'
import type { SimExchange } from '../sim/sim-exchange'
import type { PinnableClock } from './pinnable-clock'

/** How the saved account started. */
export interface JournalHeader {
  readonly version: 1
  readonly balances: Readonly<Record<string, string>>
  readonly prices: Readonly<Record<string, string>>
  readonly makerFee: string
  readonly takerFee: string
}

type WireOrder = Readonly<Record<string, string>>

/** One action that changed the paper account, with the time it happened; money as exact text. */
export type JournalEntry =
  | { readonly k: 'trade'; readonly t: number; readonly s: string; readonly p: string; readonly q: string }
  | { readonly k: 'place'; readonly t: number; readonly order: WireOrder }
  | { readonly k: 'cancel'; readonly t: number; readonly s: string; readonly orderId: string; readonly cancelId: string }
  | { readonly k: 'oco'; readonly t: number; readonly list: { readonly s: string; readonly id: string; readonly side: string; readonly q: string; readonly above: WireOrder; readonly below: WireOrder } }
  | { readonly k: 'cancelList'; readonly t: number; readonly s: string; readonly listClientOrderId: string; readonly cancelId: string }

/** A saved paper account: how it started and every action since, oldest first. */
export interface PaperState {
  readonly header: JournalHeader
  readonly entries: readonly JournalEntry[]
}

/**
 * The paper account's memory across restarts: every action that changed it (public trades that
 * drove the simulator, placed orders and lists, cancels with their cancel ids), recorded as it
 * happens. Loading replays the actions into a fresh simulator, each at its recorded time, which
 * rebuilds balances, orders, fills, lists and the klines exactly, because the simulator is
 * deterministic. Failed requests change nothing and are not recorded.
 */
export class PaperJournal {
  private readonly entries: JournalEntry[]

  constructor(
    readonly header: JournalHeader,
    entries: readonly JournalEntry[] = []
  ) {
    this.entries = [...entries]
  }

  /** Takes back an entry of a loaded file, so a later save keeps the whole history. */
  replayed(entry: JournalEntry): void {
    this.entries.push(entry)
  }

  /** Records a public trade. */
  trade(timeMs: number, symbol: string, price: Decimal, quantity: Decimal): void {
    this.entries.push({ k: 'trade', t: timeMs, s: symbol, p: price.toFixed(), q: quantity.toFixed() })
  }

  /** Records a placed order. */
  place(timeMs: number, order: NewOrder): void {
    this.entries.push({ k: 'place', t: timeMs, order: orderText(order) })
  }

  /** Records a cancel and the id of the request that made it. */
  cancel(timeMs: number, symbol: string, orderId: string, cancelId: string): void {
    this.entries.push({ k: 'cancel', t: timeMs, s: symbol, orderId, cancelId })
  }

  /** Records a placed OCO list. */
  oco(timeMs: number, list: NewOcoList): void {
    this.entries.push({
      k: 'oco',
      t: timeMs,
      list: { s: list.symbol, id: list.listClientOrderId, side: list.side, q: list.quantity.toFixed(), above: legText(list.above), below: legText(list.below) }
    })
  }

  /** Records a cancelled order list. */
  cancelList(timeMs: number, symbol: string, listClientOrderId: string, cancelId: string): void {
    this.entries.push({ k: 'cancelList', t: timeMs, s: symbol, listClientOrderId, cancelId })
  }

  /** Returns the saved form. */
  state(): PaperState {
    return { header: this.header, entries: [...this.entries] }
  }
}

/** Writes a saved account to a file (through a temporary file, so a crash never leaves half a file). */
export async function saveState(path: string, state: PaperState): Promise<void> {
  const temporary = `${path}.tmp`
  await writeFile(temporary, JSON.stringify(state))
  await rename(temporary, path)
}

/** Reads a saved account from a file; undefined when there is none; throws on a file that is not one. */
export async function loadState(path: string): Promise<PaperState | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined
    throw error
  }
  const state = JSON.parse(text) as PaperState
  if (state?.header?.version !== 1 || !Array.isArray(state.entries)) throw new Error(`${path} is not a paper server state file`)
  return state
}

/**
 * Replays saved actions into a fresh simulator, each pinned to its time. Returns the cancel ids
 * the actions carried (order id → cancel request id), so responses and events show them again.
 */
export async function replayState(entries: readonly JournalEntry[], exchange: SimExchange, clock: PinnableClock): Promise<{ cancelIds: Map<string, string>; failed: number }> {
  const cancelIds = new Map<string, string>()
  let failed = 0
  for (const entry of entries) {
    try {
      await replayOne(entry, exchange, clock, cancelIds)
    } catch {
      // The simulator is deterministic, so this means the file and the rules disagree; the rest still replays
      failed += 1
    }
  }
  return { cancelIds, failed }
}

async function replayOne(entry: JournalEntry, exchange: SimExchange, clock: PinnableClock, cancelIds: Map<string, string>): Promise<void> {
  {
    switch (entry.k) {
      case 'trade':
        clock.runAt(entry.t, () => exchange.trade(entry.s, new Decimal(entry.p), new Decimal(entry.q)))
        break
      case 'place':
        await clock.runAt(entry.t, () => exchange.placeOrder(orderFrom(entry.order)))
        break
      case 'cancel':
        cancelIds.set(entry.orderId, entry.cancelId)
        await clock.runAt(entry.t, () => exchange.cancelOrder({ symbol: entry.s, orderId: venueOrderId(entry.orderId) }))
        break
      case 'oco':
        await clock.runAt(entry.t, () =>
          exchange.placeOcoList({
            symbol: entry.list.s,
            listClientOrderId: clientOrderId(entry.list.id),
            side: entry.list.side as NewOcoList['side'],
            quantity: new Decimal(entry.list.q),
            above: legFrom(entry.list.above),
            below: legFrom(entry.list.below)
          })
        )
        break
      case 'cancelList':
        await clock.runAt(entry.t, () => exchange.cancelOrderList(entry.s, entry.listClientOrderId))
        break
    }
  }
}

function orderText(order: NewOrder): WireOrder {
  return compact({
    symbol: order.symbol,
    clientOrderId: order.clientOrderId,
    side: order.side,
    type: order.type,
    quantity: order.quantity?.toFixed(),
    quoteOrderQty: order.quoteOrderQty?.toFixed(),
    price: order.price?.toFixed(),
    stopPrice: order.stopPrice?.toFixed(),
    timeInForce: order.timeInForce
  })
}

function orderFrom(text: WireOrder): NewOrder {
  const decimal = (name: string) => (text[name] === undefined ? {} : { [name]: new Decimal(text[name] as string) })
  return {
    symbol: text['symbol'] as string,
    clientOrderId: clientOrderId(text['clientOrderId'] as string),
    side: text['side'] as NewOrder['side'],
    type: text['type'] as NewOrder['type'],
    ...decimal('quantity'),
    ...decimal('quoteOrderQty'),
    ...decimal('price'),
    ...decimal('stopPrice'),
    ...(text['timeInForce'] !== undefined ? { timeInForce: text['timeInForce'] as NewOrder['timeInForce'] } : {})
  }
}

function legText(leg: OcoLeg): WireOrder {
  return compact({ clientOrderId: leg.clientOrderId, type: leg.type, price: leg.price?.toFixed(), stopPrice: leg.stopPrice?.toFixed(), timeInForce: leg.timeInForce })
}

function legFrom(text: WireOrder): OcoLeg {
  return {
    clientOrderId: clientOrderId(text['clientOrderId'] as string),
    type: text['type'] as OcoLeg['type'],
    ...(text['price'] !== undefined ? { price: new Decimal(text['price']) } : {}),
    ...(text['stopPrice'] !== undefined ? { stopPrice: new Decimal(text['stopPrice']) } : {}),
    ...(text['timeInForce'] !== undefined ? { timeInForce: text['timeInForce'] as OcoLeg['timeInForce'] } : {})
  }
}

function compact(record: Record<string, string | undefined>): WireOrder {
  return Object.fromEntries(Object.entries(record).filter((entry): entry is [string, string] => entry[1] !== undefined))
}
